package dev.safedelete.target;

import io.smallrye.config.ConfigMapping;

/**
 * Stands for another capability's configuration under {@code safedelete.*} (the planner's, say): a mapping with a
 * nested prefix next to {@link SafeDeleteConfig}. RealTargetsTest proves the two live side by side.
 */
@ConfigMapping(prefix = "safedelete.some-other-capability")
public interface OtherCapabilityConfig {

    String setting();
}
