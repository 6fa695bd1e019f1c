/** Signs a user in against a running app the way the sign-in form does; returns the session cookie. */
export async function signIn(
  baseUrl: string,
  email: string,
  password: string,
): Promise<{ name: string; value: string }> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: baseUrl },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in of ${email} failed (${res.status})`);
  const [name, value] = session.split(";")[0]!.split(/=(.*)/s) as [string, string];
  return { name, value };
}
