import * as z from "zod";
import { Id } from "../ids";

/** `{id}` path parameter of every `/…/{id}` route. */
export const IdParams = z.strictObject({ id: Id });
