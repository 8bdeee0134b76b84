import * as z from "zod";
import { Id } from "../ids";
import { REACTION_KINDS } from "../db/entities/reaction";

export const ReactionKindSchema = z.enum(REACTION_KINDS, { error: `must be one of ${REACTION_KINDS.join(", ")}` });

export const ReactionParams = z.strictObject({ id: Id, kind: ReactionKindSchema });

export const ReactionCounts = z
  .object(Object.fromEntries(REACTION_KINDS.map((kind) => [kind, z.number()])) as Record<(typeof REACTION_KINDS)[number], z.ZodNumber>)
  .meta({ id: "ReactionCounts", description: "How many users reacted with each kind." });

export const ReactionsResponse = z
  .object({ comment_id: z.string(), reactions: ReactionCounts, my_reactions: z.array(ReactionKindSchema).meta({ description: "The caller's own reactions on the comment." }) })
  .meta({ id: "Reactions" });
export type ReactionsResponse = z.infer<typeof ReactionsResponse>;
