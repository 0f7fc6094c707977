import { getFormProps, useForm } from "@conform-to/react";
import { Form, href } from "react-router";
import { useActionReply } from "../../../components/ui/action-reply";
import { ErrorSummary } from "../../../components/ui/error-summary";
import { FormField } from "../../../components/ui/form-field";
import { useTranslation } from "../../../lib/use-translation";
import type { ProviderButton } from "../types";

interface Choice {
  provider: ProviderButton;
  firstName: string;
  lastName: string | null;
  email: string | null;
  emailTaken: boolean;
}

/** The two answers to « Is this your first time here? », each its own small form. */
export function PendingChoice({ choice, locale }: { choice: Choice; locale: "fr" | "en" }) {
  const { t } = useTranslation("oidc");
  const providerName = choice.provider.label[locale];
  return (
    <>
      <p>{t("choose.intro", { provider: providerName })}</p>
      {choice.emailTaken ? (
        <div className="alert notice" role="status">
          <p>{t("choose.email_taken", { email: choice.email })}</p>
        </div>
      ) : null}
      <CreateAccount choice={choice} />
      <LinkWithPassword />
      <LinkWithCard />
    </>
  );
}

function CreateAccount({ choice }: { choice: Choice }) {
  const { t } = useTranslation("oidc");
  const reply = useActionReply("create");
  const [form, fields] = useForm<{ firstName: string }>({ lastResult: reply, id: "oidc-create", defaultValue: { firstName: choice.firstName } });
  return (
    <section aria-labelledby="oidc-create-heading">
      <h2 id="oidc-create-heading">{t("choose.create_title")}</h2>
      <p>{choice.email && !choice.emailTaken ? t("choose.create_intro_email", { email: choice.email }) : t("choose.create_intro")}</p>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="create" />
        <FormField field={fields.firstName} label={t("accounts:fields.first_name")} autoComplete="given-name" required />
        <button type="submit" className="button primary">
          {t("choose.create_submit")}
        </button>
      </Form>
    </section>
  );
}

function LinkWithPassword() {
  const { t } = useTranslation("oidc");
  const reply = useActionReply("link-password");
  const [form, fields] = useForm<{ email: string; password: string }>({ lastResult: reply, id: "oidc-link-password" });
  return (
    <section aria-labelledby="oidc-link-heading">
      <h2 id="oidc-link-heading">{t("choose.link_title")}</h2>
      <p>{t("choose.link_intro")}</p>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="link-password" />
        <FormField field={fields.email} label={t("accounts:fields.email")} type="email" autoComplete="email" required />
        <FormField field={fields.password} label={t("accounts:fields.password")} type="password" autoComplete="current-password" required />
        <button type="submit" className="button primary">
          {t("choose.link_submit")}
        </button>
      </Form>
      <p>
        <a href={href("/mot-de-passe-oublie")}>{t("accounts:sign_in.forgot")}</a>
      </p>
    </section>
  );
}

function LinkWithCard() {
  const { t } = useTranslation("oidc");
  const reply = useActionReply("link-card");
  const [form, fields] = useForm<{ code: string }>({ lastResult: reply, id: "oidc-link-card" });
  return (
    <section aria-labelledby="oidc-card-heading">
      <h3 id="oidc-card-heading">{t("choose.card_title")}</h3>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="link-card" />
        <FormField field={fields.code} label={t("mediation:card_sign_in.code")} hint={t("mediation:card_sign_in.code_hint")} autoComplete="off" required />
        <button type="submit" className="button">
          {t("choose.card_submit")}
        </button>
      </Form>
    </section>
  );
}
