"use client";

import type { InputHTMLAttributes } from "react";

/**
 * A filter checkbox that applies itself: with JavaScript, ticking it submits
 * its form (a client-side navigation to the new URL); without, the form's
 * submit button does.
 */
export function AutoSubmitCheckbox(props: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "onChange">) {
  return <input {...props} type="checkbox" onChange={(e) => e.currentTarget.form?.requestSubmit()} />;
}
