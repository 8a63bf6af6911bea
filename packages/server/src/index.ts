/**
 * @opis/server: the read-only HTTP API over the knowledge base, with its OpenAPI 3.1 document,
 * and the web app's build served beside it.
 */
export {
  apiInfo,
  apiRoutes,
  createApiApp,
  type RunningServer,
  type ServerOptions,
  startServer,
} from './api.ts';
export { type App, type AppOptions, createApp } from './app.ts';
export { buildOpenApi } from './openapi.ts';
export { HttpProblem, type Problem, ProblemSchema } from './problem.ts';
export { type ApiDeps, apiDeps } from './routes/deps.ts';
export {
  buildWeb,
  defaultWebDir,
  defaultWebPackage,
  type EnsureWebResult,
  ensureWebBuild,
  repoRoot,
  webBuildState,
} from './web-build.ts';
