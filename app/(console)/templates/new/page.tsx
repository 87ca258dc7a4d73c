import type { Metadata } from "next";
import { pageActor } from "@/lib/auth/page";
import { PageHeader } from "@/components/ui/page-header";
import { TemplateEditor } from "@/components/templates/template-editor";

export const metadata: Metadata = { title: "New template" };

const STARTER = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadOneBucket",
      "Effect": "Allow",
      "Action": ["s3:ListBucket"],
      "Resource": "arn:aws:s3:::\${Bucket}"
    }
  ]
}`;

export default async function NewTemplatePage() {
  await pageActor("operator");
  return (
    <>
      <PageHeader
        title="New policy template"
        description="Write the policy with ${Parameters}; checks run as you type."
      />
      <TemplateEditor
        isNew
        initial={{
          name: "",
          description: "",
          parameters: [{ name: "Bucket", type: "bucket-name", example: "example-bucket", description: "" }],
          document: STARTER,
        }}
      />
    </>
  );
}
