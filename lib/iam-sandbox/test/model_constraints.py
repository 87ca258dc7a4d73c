"""Checks the sandbox's responses against the IAM service model that ships with botocore.

Usage: python3 model_constraints.py <sandbox url> <fixtures dir>

Creates one of each kind of entity the sandbox models through boto3, reads everything back,
and checks every field of every response against the constraints of its shape in the model
(required members, string length, pattern, enum, list length, number range). Prints one JSON
line: {"calls": N, "violations": ["Operation: path: what is wrong", ...]}.

A response that breaks the model is one a strict client refuses to use: boto3, for example,
validates request parameters against the same constraints, so an id the sandbox hands out that is
too short can never be sent back (DeleteSigningCertificate).
"""

import json
import os
import re
import sys

import boto3
from botocore.exceptions import ParamValidationError

url, fixtures = sys.argv[1], sys.argv[2]
iam = boto3.client(
    "iam",
    endpoint_url=url,
    region_name="us-east-1",
    # the sandbox root's key pair: AWS's documented example
    aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
)
model = iam.meta.service_model
violations = []
METHODS = {api: method for method, api in iam.meta.method_to_api_mapping.items()}
calls = 0


def fixture(name):
    with open(os.path.join(fixtures, name), encoding="utf8") as f:
        return f.read()


# Where the model and AWS's own answers disagree, AWS wins. An SSH key's MD5 fingerprint is 16
# colon-separated hex bytes, 47 characters, as in AWS's examples; the model says exactly 48.
MODEL_IS_WRONG = {"publicKeyFingerprintType"}


def check(shape, value, path):
    if shape.name in MODEL_IS_WRONG:
        return
    meta = shape.metadata
    kind = shape.type_name
    if kind == "structure":
        for name in shape.required_members:
            if name not in value:
                violations.append(f"{path}: required member {name} is missing")
        for name, member in shape.members.items():
            if name in value:
                check(member, value[name], f"{path}.{name}")
    elif kind == "list":
        size(meta, len(value), path, "items")
        for i, item in enumerate(value):
            check(shape.member, item, f"{path}[{i}]")
    elif kind == "map":
        for k, v in value.items():
            check(shape.key, k, f"{path}{{key}}")
            check(shape.value, v, f"{path}[{k}]")
    elif kind == "string" and isinstance(value, str):  # (boto3 hands policy documents over decoded)
        size(meta, len(value), path, "characters")
        if "pattern" in meta and not re.fullmatch(python_pattern(meta["pattern"]), value, re.DOTALL):
            violations.append(f"{path}: {value[:60]!r} does not match /{meta['pattern']}/")
        if shape.enum and value not in shape.enum:
            violations.append(f"{path}: {value!r} is not one of {shape.enum}")
    elif kind in ("integer", "long"):
        size(meta, value, path, "")


def python_pattern(java):
    # The model's patterns are Java regexes; Python's re lacks \p{..} classes. Letters, separators and
    # numbers (\p{L}\p{Z}\p{N}, the tag patterns) become \w\s, which is close and slightly laxer.
    return java.replace("\\p{L}\\p{Z}\\p{N}", "\\w\\s")


def size(meta, n, path, unit):
    if "min" in meta and n < meta["min"]:
        violations.append(f"{path}: {n} {unit} is under the minimum {meta['min']}".replace("  ", " "))
    if "max" in meta and n > meta["max"]:
        violations.append(f"{path}: {n} {unit} is over the maximum {meta['max']}".replace("  ", " "))


def call(operation, **params):
    """Calls an operation by its model name and checks its output against the model."""
    global calls
    calls += 1
    op = model.operation_model(operation)
    try:
        out = getattr(iam, METHODS[operation])(**params)
    except ParamValidationError as e:
        # Only ids the sandbox handed out are sent back: refusing them is the sandbox's fault.
        violations.append(f"{operation}: boto3 refuses to send it: {str(e).splitlines()[-1]}")
        return {}
    out.pop("ResponseMetadata", None)
    if op.output_shape is not None:
        check(op.output_shape, out, operation)
    return out


doc = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
)
trust = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
    }
)
tags = [{"Key": "team", "Value": "web"}]

# One of each entity, with every optional part that changes the response's shape.
policy = call("CreatePolicy", PolicyName="shape-check", PolicyDocument=doc, Description="d", Tags=tags)["Policy"]
call("CreatePolicyVersion", PolicyArn=policy["Arn"], PolicyDocument=doc, SetAsDefault=True)
call("CreateUser", UserName="shape-check", Path="/people/", Tags=tags, PermissionsBoundary=policy["Arn"])
call("CreateLoginProfile", UserName="shape-check", Password="Shape-check-1234!", PasswordResetRequired=True)
key = call("CreateAccessKey", UserName="shape-check")["AccessKey"]
cert = call("UploadSigningCertificate", UserName="shape-check", CertificateBody=fixture("cert1.crt"))["Certificate"]
ssh = call("UploadSSHPublicKey", UserName="shape-check", SSHPublicKeyBody=fixture("ssh-keys.txt").splitlines()[0])[
    "SSHPublicKey"
]
cred = call("CreateServiceSpecificCredential", UserName="shape-check", ServiceName="codecommit.amazonaws.com")[
    "ServiceSpecificCredential"
]
mfa = call("CreateVirtualMFADevice", VirtualMFADeviceName="shape-check", Tags=tags)["VirtualMFADevice"]
call("CreateGroup", GroupName="shape-check")
call("AddUserToGroup", GroupName="shape-check", UserName="shape-check")
call("PutGroupPolicy", GroupName="shape-check", PolicyName="inline", PolicyDocument=doc)
call("AttachGroupPolicy", GroupName="shape-check", PolicyArn=policy["Arn"])
call("PutUserPolicy", UserName="shape-check", PolicyName="inline", PolicyDocument=doc)
call("AttachUserPolicy", UserName="shape-check", PolicyArn=policy["Arn"])
call("CreateRole", RoleName="shape-check", AssumeRolePolicyDocument=trust, Description="d", Tags=tags, MaxSessionDuration=7200)
call("PutRolePolicy", RoleName="shape-check", PolicyName="inline", PolicyDocument=doc)
call("AttachRolePolicy", RoleName="shape-check", PolicyArn=policy["Arn"])
call("CreateInstanceProfile", InstanceProfileName="shape-check", Tags=tags)
call("AddRoleToInstanceProfile", InstanceProfileName="shape-check", RoleName="shape-check")
call("UpdateAccountPasswordPolicy", MinimumPasswordLength=14, RequireSymbols=True, MaxPasswordAge=90)
call("PutRolePermissionsBoundary", RoleName="shape-check", PermissionsBoundary=policy["Arn"])
call("CreateAccountAlias", AccountAlias="shape-check")
call("CreateServiceLinkedRole", AWSServiceName="autoscaling.amazonaws.com", Description="d")

# Everything read back, for the seeded entities too.
for user in call("ListUsers")["Users"]:
    name = user["UserName"]
    call("GetUser", UserName=name)
    call("ListAccessKeys", UserName=name)
    call("ListSigningCertificates", UserName=name)
    call("ListSSHPublicKeys", UserName=name)
    call("ListServiceSpecificCredentials", UserName=name)
    call("ListMFADevices", UserName=name)
    call("ListGroupsForUser", UserName=name)
    call("ListUserPolicies", UserName=name)
    call("ListAttachedUserPolicies", UserName=name)
    call("ListUserTags", UserName=name)
for group in call("ListGroups")["Groups"]:
    call("GetGroup", GroupName=group["GroupName"])
    call("ListGroupPolicies", GroupName=group["GroupName"])
    call("ListAttachedGroupPolicies", GroupName=group["GroupName"])
for role in call("ListRoles")["Roles"]:
    call("GetRole", RoleName=role["RoleName"])
    call("ListRolePolicies", RoleName=role["RoleName"])
    call("ListAttachedRolePolicies", RoleName=role["RoleName"])
    call("ListInstanceProfilesForRole", RoleName=role["RoleName"])
    call("ListRoleTags", RoleName=role["RoleName"])
for profile in call("ListInstanceProfiles")["InstanceProfiles"]:
    call("GetInstanceProfile", InstanceProfileName=profile["InstanceProfileName"])
for p in call("ListPolicies", Scope="Local")["Policies"]:
    call("GetPolicy", PolicyArn=p["Arn"])
    call("ListPolicyVersions", PolicyArn=p["Arn"])
    call("GetPolicyVersion", PolicyArn=p["Arn"], VersionId=p["DefaultVersionId"])
    call("ListEntitiesForPolicy", PolicyArn=p["Arn"])
    call("ListPolicyTags", PolicyArn=p["Arn"])
call("ListPolicies", Scope="AWS", MaxItems=50)
call("GetUserPolicy", UserName="shape-check", PolicyName="inline")
call("GetGroupPolicy", GroupName="shape-check", PolicyName="inline")
call("GetRolePolicy", RoleName="shape-check", PolicyName="inline")
call("GetLoginProfile", UserName="shape-check")
call("GetAccessKeyLastUsed", AccessKeyId=key["AccessKeyId"])
call("GetSSHPublicKey", UserName="shape-check", SSHPublicKeyId=ssh["SSHPublicKeyId"], Encoding="SSH")
call("ListVirtualMFADevices")
call("GetAccountAuthorizationDetails")
call("GetAccountSummary")
call("GetAccountPasswordPolicy")
call("ListAccountAliases")
call("GenerateCredentialReport")
call(
    "SimulatePrincipalPolicy",
    PolicySourceArn="arn:aws:iam::123456789012:user/people/shape-check",
    ActionNames=["s3:GetObject", "iam:CreateUser"],
)

# Access Advisor for each kind of subject, with the seeded usage (used and never-used services).
for subject_arn in [
    "arn:aws:iam::123456789012:user/sally",
    "arn:aws:iam::123456789012:group/WebDevelopers",
    "arn:aws:iam::123456789012:role/ec2-sqs-worker",
    policy["Arn"],
]:
    for granularity in ["SERVICE_LEVEL", "ACTION_LEVEL"]:
        job = call("GenerateServiceLastAccessedDetails", Arn=subject_arn, Granularity=granularity)["JobId"]
        details = call("GetServiceLastAccessedDetails", JobId=job, MaxItems=1)
        call("GetServiceLastAccessedDetails", JobId=job, Marker=details["Marker"]) if details.get("Marker") else None
        for svc in call("GetServiceLastAccessedDetails", JobId=job)["ServicesLastAccessed"]:
            call("GetServiceLastAccessedDetailsWithEntities", JobId=job, ServiceNamespace=svc["ServiceNamespace"])

# The ids handed out must be accepted back by a strict client (boto3 checks them before sending).
call("UpdateSigningCertificate", UserName="shape-check", CertificateId=cert["CertificateId"], Status="Inactive")
call("DeleteSigningCertificate", UserName="shape-check", CertificateId=cert["CertificateId"])
call("DeleteSSHPublicKey", UserName="shape-check", SSHPublicKeyId=ssh["SSHPublicKeyId"])
call(
    "DeleteServiceSpecificCredential",
    UserName="shape-check",
    ServiceSpecificCredentialId=cred["ServiceSpecificCredentialId"],
)
call("DeleteAccessKey", UserName="shape-check", AccessKeyId=key["AccessKeyId"])
call("DeleteVirtualMFADevice", SerialNumber=mfa["SerialNumber"])
task = call("DeleteServiceLinkedRole", RoleName="AWSServiceRoleForAutoScaling")["DeletionTaskId"]
call("GetServiceLinkedRoleDeletionStatus", DeletionTaskId=task)

print(json.dumps({"calls": calls, "violations": sorted(set(violations))}))
