import { use, type FunctionProps, type StackContext } from "sst/constructs";
import { routeKey, routes, type Route } from "../core/routes";
import { Api } from "./Api";
import { routeBundling } from "./bundling";
import { functionAccess, grantsFor, type GrantableResources } from "./grants";
import { Media } from "./Media";
import { isEphemeralStage } from "./stage";
import { Storage } from "./Storage";

/**
 * The API's routes, one function each, in area stacks that add them to the one HTTP API (stacks/Api.ts). A route's
 * area is the folder of its handler (`functions/<folder>/…`): a reader who knows the route's folder knows its stack.
 * CloudFormation holds at most 500 resources and a 1 MB template per stack, and every route costs ~7 resources
 * (function, role, policy, log retention, integration, route, invoke permission): test/stacks.test.ts fails when an
 * area stack passes 80% of either, before a deploy would. Then split the area in two here.
 */
export const API_AREAS = {
  ApiAuth: ["health", "docs", "auth", "users"],
  // Search (issue 15) with the catalogue it searches: an area of one route would cost the capacity bound of
  // test/stacks.test.ts its fixed resources over a single route (180 routes instead of 200).
  ApiCatalog: ["courses", "lessons", "recipes", "search"],
  ApiLearning: ["progress", "comments", "dashboard", "certificates", "reviews", "paths"],
  ApiAccess: ["enrollments", "memberships", "audit"],
  ApiNotifications: ["notifications"],
} as const satisfies Record<string, readonly string[]>;

export type ApiArea = keyof typeof API_AREAS;

/** The area stack of a route, from its handler's folder. */
export function areaOf(route: Pick<Route, "handler">): ApiArea {
  const folder = route.handler.split("/")[0]!;
  const area = (Object.keys(API_AREAS) as ApiArea[]).find((name) => (API_AREAS[name] as readonly string[]).includes(folder));
  if (!area) throw new Error(`functions/${folder}/ belongs to no area stack: add it to API_AREAS in stacks/ApiRoutes.ts`);
  return area;
}

/** One route's function: its handler, a description, and exactly the access its row asks for. */
function routeFunction(route: Route, resources: GrantableResources): FunctionProps {
  return {
    handler: `functions/${route.handler}.handler`,
    description: `${routeKey(route)}: ${route.summary}`.slice(0, 256), // Lambda's limit
    ...(route.memoryMB ? { memorySize: route.memoryMB } : {}),
    ...functionAccess(grantsFor(route), resources),
    ...routeBundling(route),
  };
}

function addArea({ app, stack }: StackContext, area: ApiArea): void {
  const { api } = use(Api);
  const storage = use(Storage);
  const { queues } = use(Media);
  const resources: GrantableResources = { ...storage, queues, secretsFallback: isEphemeralStage(app) };
  const rows = routes.filter((route) => areaOf(route) === area);
  // Every row gets its own function (`Lambda_<METHOD>_<path>`), so grants stay per route.
  api.addRoutes(stack, Object.fromEntries(rows.map((route) => [routeKey(route), { type: "function" as const, function: routeFunction(route, resources) }])));
}

export function ApiAuth(context: StackContext) {
  addArea(context, "ApiAuth");
}

export function ApiCatalog(context: StackContext) {
  addArea(context, "ApiCatalog");
}

export function ApiLearning(context: StackContext) {
  addArea(context, "ApiLearning");
}

export function ApiAccess(context: StackContext) {
  addArea(context, "ApiAccess");
}

export function ApiNotifications(context: StackContext) {
  addArea(context, "ApiNotifications");
}

/** The area stacks, by name (stacks/index.ts adds them in this order). */
export const AREA_STACKS: Record<ApiArea, (context: StackContext) => void> = { ApiAuth, ApiCatalog, ApiLearning, ApiAccess, ApiNotifications };
