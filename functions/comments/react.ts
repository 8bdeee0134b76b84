import { http, ok } from "../../core/http/handler";
import * as Reactions from "../../core/reactions/reactions";
import { ReactionParams, ReactionsResponse } from "../../core/reactions/schemas";

export const handler = http("PUT /api/comments/{id}/reactions/{kind}", {
  params: ReactionParams,
  response: ReactionsResponse,
  errors: [403],
  run: async ({ caller, params }) => ok(await Reactions.react(caller, params.id, params.kind)),
});
