package io.stratusmq.app;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** This node: {@code stratus.*}. */
@ConfigMapping(prefix = "stratus")
public interface NodeSettings {

    /** The node's id in the cluster; defaults to the host name (the pod name on Kubernetes). */
    Optional<String> nodeId();
}
