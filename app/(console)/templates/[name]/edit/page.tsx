import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/page";
import { getTemplate } from "@/lib/templates";
import { PageHeader } from "@/components/ui/page-header";
import { TemplateEditor } from "@/components/templates/template-editor";

export const metadata: Metadata = { title: "Edit template" };

export default async function EditTemplatePage({ params }: { params: Promise<{ name: string }> }) {
  await pageActor("operator");
  const template = await getTemplate(decodeURIComponent((await params).name));
  if (!template) notFound();
  const latest = template.versions[0];
  return (
    <>
      <PageHeader
        title={`${template.name}: new version`}
        description={`Starts from version ${latest.number}. Earlier versions stay as they are.`}
      />
      <TemplateEditor
        isNew={false}
        initial={{
          name: template.name,
          description: template.description,
          parameters: latest.parameters,
          document: latest.document,
        }}
      />
    </>
  );
}
