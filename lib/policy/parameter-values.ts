import type { ParameterType } from "./template.schema";

/**
 * Why a parameter value is unacceptable, or undefined when it is fine. Wildcards and `${` are
 * refused for every type: a value of `*` would silently widen a grant, and `${` would inject a
 * policy variable. Put wildcards in the template itself, where a reviewer sees them.
 */
export function parameterValueProblem(type: ParameterType, value: string): string | undefined {
  if (value.length === 0) return "The value is empty.";
  if (value.length > 2048) return "The value is longer than 2,048 characters.";
  if (/[\u0000-\u001f\u007f]/.test(value))
    return "The value contains control characters (such as a line break).";
  if (/[*?]/.test(value))
    return "Wildcards (* or ?) are not allowed in a value; they would widen the access granted.";
  if (value.includes("${")) return "The value must not contain “${”, which IAM reads as a policy variable.";
  switch (type) {
    case "string":
      return undefined;
    case "arn":
      return /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:[^\s"\\]+$/.test(value)
        ? undefined
        : "Expected an ARN such as arn:aws:s3:::example-bucket or arn:aws:sqs:eu-west-1:123456789012:orders.";
    case "account-id":
      return /^\d{12}$/.test(value) ? undefined : "An AWS account ID is exactly 12 digits.";
    case "queue-name":
      return /^[A-Za-z0-9_-]{1,80}$/.test(value) || /^[A-Za-z0-9_-]{1,75}\.fifo$/.test(value)
        ? undefined
        : "A queue name has 1–80 letters, digits, hyphens or underscores (FIFO queues end in .fifo).";
    case "bucket-name":
      return bucketNameProblem(value);
  }
}

/** S3 general-purpose bucket naming rules. */
function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return "A bucket name has 3 to 63 characters.";
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
    return "A bucket name uses lowercase letters, digits, dots and hyphens, and starts and ends with a letter or digit.";
  }
  if (name.includes("..")) return "A bucket name cannot contain two dots in a row.";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "A bucket name cannot look like an IP address.";
  if (
    /^(xn--|sthree-|amzn-s3-demo-)/.test(name) ||
    /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)
  ) {
    return "A bucket name cannot use a prefix or suffix reserved by S3.";
  }
  return undefined;
}
