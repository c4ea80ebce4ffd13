"use client";
// SecretOnceDialog: a "create" button whose dialog holds a form and, once the
// thing is created, shows the secret Warden generated for it — once, with a
// copy button and a warning — then toasts when closed. The secret lives only
// in this component's state, and only until the dialog closes. A creation
// that produced no secret closes at once.
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { useToast } from "@/components/ui/toast";

export type SecretOnceResult = { label: string; secret: string | null };

export function SecretOnceDialog(props: {
  buttonLabel: string;
  title: string;
  description: string;
  createdTitle: string;
  createdDescription: (label: string) => string;
  secretLabel: string;
  secretWarning: string;
  /** the toast's title after creation, e.g. "Webhook endpoint added" */
  toastTitle: string;
  /** while the form submits the dialog cannot be dismissed */
  busy: boolean;
  children: (controls: { onCancel: () => void; onCreated: (result: SecretOnceResult) => void }) => ReactNode;
}) {
  const { toast } = useToast();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ label: string; secret: string } | null>(null);

  function close(label = created?.label) {
    setOpen(false);
    setCreated(null);
    if (label) toast({ title: props.toastTitle, description: label, tone: "success" });
  }

  function onCreated(result: SecretOnceResult) {
    if (result.secret) setCreated({ label: result.label, secret: result.secret });
    else close(result.label);
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>{props.buttonLabel}</Button>
      <Dialog
        open={open}
        onClose={() => close()}
        dismissible={!props.busy}
        size="lg"
        title={created ? props.createdTitle : props.title}
        description={created ? props.createdDescription(created.label) : props.description}
        footer={
          created ? (
            <Button onClick={() => close()} data-autofocus="">
              Done
            </Button>
          ) : undefined
        }
      >
        {created ? <SecretReveal label={props.secretLabel} value={created.secret} warning={props.secretWarning} /> : props.children({ onCancel: () => close(), onCreated })}
      </Dialog>
    </>
  );
}
