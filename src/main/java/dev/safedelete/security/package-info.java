/**
 * Who may do what. {@code /api/**} needs a principal (quarkus.http.auth.permission.api in application.properties):
 * an API key ({@link dev.safedelete.security.ApiKeyAuthenticationMechanism}) or a JWT from the configured identity
 * provider (quarkus-smallrye-jwt), both as {@code Authorization: Bearer}. Refusals are problem details: 401 with
 * {@code WWW-Authenticate: Bearer}, 403.
 *
 * <h2>What a new endpoint does</h2>
 * <ul>
 *   <li>Annotate it with the least role that may call it, from {@link dev.safedelete.security.Roles}; the others
 *       are implied ({@link dev.safedelete.security.RoleHierarchyAugmentor}):
 *       <ul>
 *         <li>{@code @RolesAllowed(Roles.VIEWER)}: {@code GET .../schema}, {@code .../tables/{table}/dependents},
 *             {@code .../graph}, {@code GET /delete-plans/{id}}, {@code .../rows}, {@code .../script},
 *             {@code GET /executions}, {@code GET /executions/{id}};</li>
 *         <li>{@code @RolesAllowed(Roles.PLANNER)}: {@code POST /targets/{target}/delete-plans};</li>
 *         <li>{@code @RolesAllowed(Roles.EXECUTOR)}: {@code POST /delete-plans/{id}/execution};</li>
 *         <li>{@code @RolesAllowed(Roles.ADMIN)}: {@code POST .../schema/refresh} and anything administrative
 *             to come (restores, purges).</li>
 *       </ul>
 *       Quarkus then documents the bearer requirement and the 401/403 answers in the OpenAPI document.</li>
 *   <li>A path parameter named {@code target} is checked for you ({@link dev.safedelete.security.TargetPathFilter}):
 *       403 when the principal may not use it. Name it exactly {@code {target}}.</li>
 *   <li>Where the target comes from something else (a plan or an execution found by id, a list filtered by
 *       target), use {@link dev.safedelete.security.TargetAccess}: {@code allowed(target)} to filter (answer a
 *       plan of a forbidden target as 404, as if it did not exist), {@code require(target)} to refuse with 403,
 *       {@code principal()} for the name stored on plans and executions.</li>
 * </ul>
 */
package dev.safedelete.security;
