"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createUserAction } from "@/app/(app)/admin/users/actions";
import { OneTimeSecret } from "@/components/ui/OneTimeSecret";
import { FieldLabel, FormError, SubmitButton, inlineFieldClass } from "@/components/ui/form";

export function CreateUserForm() {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  // Every link created on this visit stays until dismissed: a second user never hides the first one's link.
  const [created, setCreated] = useState<{ id: string; email: string; link: string }[]>([]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    setError(undefined);
    const result = await createUserAction({
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      role: String(form.get("role") ?? "VIEWER") as "VIEWER",
    });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    const { id, email, link } = result.data;
    setCreated((list) => [{ id, email, link }, ...list]);
    formElement.reset();
    router.refresh();
  }

  return (
    <div className="space-y-3">
      <form
        onSubmit={onSubmit}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm"
      >
        <FieldLabel text="Name" className="min-w-48 flex-1">
          <input
            name="name"
            required
            maxLength={200}
            className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2"
          />
        </FieldLabel>
        <FieldLabel text="E-mail" className="min-w-64 flex-1">
          <input
            name="email"
            type="email"
            required
            className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2"
          />
        </FieldLabel>
        <FieldLabel text="Role">
          <select name="role" defaultValue="EDITOR" className={inlineFieldClass}>
            <option value="VIEWER">viewer — read and export</option>
            <option value="EDITOR">editor — import, annotate, review, export</option>
            <option value="ADMIN">admin — everything</option>
          </select>
        </FieldLabel>
        <SubmitButton pending={pending} busy="Creating…">
          Create user
        </SubmitButton>
      </form>
      <FormError error={error} />
      {created.length > 1 ? (
        <p className="text-sm text-amber-900">
          {created.length} set-password links are waiting to be sent. Each is shown only here, until you press Done.
        </p>
      ) : null}
      {created.map((c) => (
        <OneTimeSecret
          key={c.id}
          label={`Set-password link for ${c.email}`}
          value={c.link}
          note="Send this link to the person. It works once, for 7 days, and is shown only now."
          onDismiss={() => setCreated((list) => list.filter((x) => x.id !== c.id))}
        />
      ))}
    </div>
  );
}
