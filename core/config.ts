/**
 * Settings derived from the environment SST gives every function (`SST_APP`, `SST_STAGE`). Read lazily:
 * importing a module must never require the environment (the stack synthesizes without it).
 */
export function stage(): string {
  return process.env.SST_STAGE ?? "local";
}

/** Access tokens name their issuer and audience; a token minted for another stage is refused. */
export function tokenIssuer(): string {
  return `urn:dulcevicio:${stage()}`;
}

export const TOKEN_AUDIENCE = "urn:dulcevicio:api";
