"use client";
// The campaign definition form, for a new draft (from a template or blank; saved, it opens the
// campaign's page) and for changing a draft. Validated with the server's own schema as you
// submit; the server's problems land on their fields, and nothing typed is lost on an error.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { CampaignFields } from "@/components/campaigns/campaign-fields";
import { blankCampaignFormValues, campaignFieldOf, campaignFormValues, templateFormValues, toCreateBody, toUpdateBody, type CampaignFormValues } from "@/components/campaigns/campaign-form-values";
import { campaignHref } from "@/components/campaigns/campaign-labels";
import { ReviewFields } from "@/components/campaigns/review-fields";
import { TemplatePicker } from "@/components/campaigns/template-picker";
import { applyMappedApiError, sharedSchemaResolver } from "@/components/identities/form-support";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { ZCreateCampaignInput, type TCampaign } from "@/lib/campaigns/schemas";
import { useCreateCampaign } from "@/lib/query/campaigns/use-create-campaign";
import { useUpdateCampaign } from "@/lib/query/campaigns/use-update-campaign";

type Props = { mode: "create"; now: string } | { mode: "edit"; campaign: TCampaign; onDone: () => void };

export function CampaignForm(props: Props) {
  const router = useRouter();
  const { toast } = useToast();
  const create = useCreateCampaign();
  const update = useUpdateCampaign();
  const [templateKey, setTemplateKey] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<CampaignFormValues>({
    // the edit form checks the whole definition too: the server merges the change and checks it the same way
    resolver: sharedSchemaResolver<CampaignFormValues>(() => ZCreateCampaignInput, (values) => toCreateBody(values, null), campaignFieldOf),
    defaultValues: props.mode === "create" ? blankCampaignFormValues(new Date(props.now)) : campaignFormValues(props.campaign),
  });
  const idPrefix = props.mode === "create" ? "new-campaign" : "edit-campaign";
  const rootError = form.formState.errors.root?.message;

  const onSubmit = async (values: CampaignFormValues) => {
    setProblem(null);
    try {
      if (props.mode === "create") {
        const campaign = await create.mutateAsync(toCreateBody(values, templateKey));
        toast({ title: "Draft campaign saved", description: `${campaign.name}: preview it, then launch it.`, tone: "success" });
        router.push(campaignHref(campaign.id));
      } else {
        const campaign = await update.mutateAsync({ id: props.campaign.id, input: toUpdateBody(values) });
        toast({ title: "Campaign changed", description: campaign.name, tone: "success" });
        props.onDone();
      }
    } catch (error) {
      setProblem(applyMappedApiError(error, form.setError, campaignFieldOf));
    }
  };

  return (
    <div className="flex flex-col gap-6">
      {props.mode === "create" ? (
        <TemplatePicker
          selected={templateKey}
          onPick={(template) => {
            setTemplateKey(template?.key ?? null);
            setProblem(null);
            form.reset(template ? templateFormValues(template, new Date()) : blankCampaignFormValues(new Date()));
          }}
        />
      ) : null}
      <Card>
        <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex max-w-3xl flex-col gap-6" aria-label={props.mode === "create" ? "New campaign" : "Edit campaign"}>
          <ProblemAlert title={props.mode === "create" ? "The campaign was not saved" : "The campaign was not changed"} problem={problem ?? (rootError ? { message: rootError, issues: [] } : null)} />
          <CampaignFields form={form} mode={props.mode} idPrefix={idPrefix} />
          <ReviewFields form={form} idPrefix={idPrefix} />
          <div className="flex items-center gap-2 border-t border-slate-200 pt-4">
            <Button type="submit" loading={form.formState.isSubmitting}>
              {props.mode === "create" ? "Save draft" : "Save changes"}
            </Button>
            {props.mode === "create" ? (
              <ButtonLink href="/campaigns" variant="secondary">
                Cancel
              </ButtonLink>
            ) : (
              <Button variant="secondary" onClick={props.onDone} disabled={form.formState.isSubmitting}>
                Cancel
              </Button>
            )}
          </div>
        </form>
      </Card>
    </div>
  );
}
