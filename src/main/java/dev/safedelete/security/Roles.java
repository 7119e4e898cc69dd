package dev.safedelete.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The four roles and what each implies. Endpoints name the least role that may call them
 * ({@code @RolesAllowed(Roles.VIEWER)}); {@link RoleHierarchyAugmentor} gives every principal the roles its own
 * roles imply, so an admin passes a viewer check without every annotation listing every role above it.
 */
public final class Roles {

    /** Reads targets, schemas, plans and executions. */
    public static final String VIEWER = "viewer";
    /** A viewer that may also create delete plans (previews). */
    public static final String PLANNER = "planner";
    /** A planner that may also execute plans. */
    public static final String EXECUTOR = "executor";
    /** Everything, including what later capabilities add (restores, catalog refresh, ...). */
    public static final String ADMIN = "admin";

    /** Every role, least to most powerful. */
    public static final List<String> ALL = List.of(VIEWER, PLANNER, EXECUTOR, ADMIN);

    private static final Map<String, Set<String>> IMPLIED = Map.of(
            VIEWER, Set.of(VIEWER),
            PLANNER, Set.of(PLANNER, VIEWER),
            EXECUTOR, Set.of(EXECUTOR, PLANNER, VIEWER),
            ADMIN, Set.of(ADMIN, EXECUTOR, PLANNER, VIEWER));

    private Roles() {
    }

    /** The role itself and every role below it; an unknown name (an identity provider's own group) only itself. */
    public static Set<String> implied(String role) {
        return IMPLIED.getOrDefault(role, Set.of(role));
    }

    public static boolean known(String role) {
        return IMPLIED.containsKey(role);
    }
}
