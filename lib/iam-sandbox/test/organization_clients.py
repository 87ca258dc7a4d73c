"""boto3 against the sandbox's example-org seed: Organizations and cross-account AssumeRole.

Usage: organization_clients.py URL APP_KEY_ID APP_SECRET
Prints one JSON object (the last line) of what boto3 saw; organization-clients.test.ts checks it.
boto3 validates every request against botocore's model (ids, MaxResults 1-20) before sending,
and its paginators follow NextToken as AWS documents it.
"""

import json
import sys

import boto3
from botocore.exceptions import ClientError

url, app_key, app_secret = sys.argv[1:4]
ROOT = ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")


def client(service, key, secret, token=None):
    return boto3.client(
        service,
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        aws_session_token=token,
    )


def error_of(call):
    try:
        call()
    except ClientError as e:
        return [e.response["Error"]["Code"], e.response["Error"]["Message"]]
    return None


org = client("organizations", *ROOT)
out = {}
out["organization"] = org.describe_organization()["Organization"]["Id"]
pages = list(org.get_paginator("list_accounts").paginate(PaginationConfig={"PageSize": 1}))
out["pages"] = len(pages)
out["accounts"] = [a["Name"] for p in pages for a in p["Accounts"]]
root_id = org.list_roots()["Roots"][0]["Id"]
ous = org.get_paginator("list_organizational_units_for_parent").paginate(ParentId=root_id)
out["top_ous"] = [u["Name"] for p in ous for u in p["OrganizationalUnits"]]
production = next(a for p in pages for a in p["Accounts"] if a["Name"] == "production")
parent = org.list_parents(ChildId=production["Id"])["Parents"][0]
out["production_parent_type"] = parent["Type"]
grandparent = org.list_parents(ChildId=parent["Id"])["Parents"][0]
out["workloads_children"] = [
    c["Type"] for c in org.list_children(ParentId=grandparent["Id"], ChildType="ORGANIZATIONAL_UNIT")["Children"]
]
out["joined_is_datetime"] = hasattr(production["JoinedTimestamp"], "isoformat")
out["missing_account"] = error_of(lambda: org.describe_account(AccountId="999999999999"))

app_sts = client("sts", app_key, app_secret)
role = f"arn:aws:iam::{production['Id']}:role/GatehouseMember"
creds = app_sts.assume_role(RoleArn=role, RoleSessionName="boto3")["Credentials"]
session = (creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
out["session_account"] = client("sts", *session).get_caller_identity()["Account"]
out["production_users"] = sorted(u["UserName"] for u in client("iam", *session).list_users()["Users"])
out["member_list_accounts"] = error_of(lambda: client("organizations", *session).list_accounts())
out["outside"] = error_of(
    lambda: app_sts.assume_role(RoleArn="arn:aws:iam::999999999999:role/GatehouseMember", RoleSessionName="outside")
)
print(json.dumps(out))
