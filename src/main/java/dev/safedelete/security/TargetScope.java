package dev.safedelete.security;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The targets a principal may use: all of them (an API key without {@code targets}, a token without the targets
 * claim), or exactly the named ones. Stored on the security identity as the attribute {@link #ATTRIBUTE}.
 */
public record TargetScope(boolean all, Set<String> names) {

    public static final String ATTRIBUTE = "safedelete.targets";
    public static final TargetScope ALL = new TargetScope(true, Set.of());

    public TargetScope {
        names = Set.copyOf(names);
    }

    public static TargetScope only(Collection<String> names) {
        return new TargetScope(false, new TreeSet<>(names.stream().map(String::trim).filter(n -> !n.isEmpty()).toList()));
    }

    public boolean allows(String target) {
        return all || (target != null && names.contains(target));
    }
}
