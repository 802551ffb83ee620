package io.haneul.cloudsearch.domain;

import software.amazon.awssdk.services.cloudsearch.model.ScalingParameters;

import java.util.Set;

/**
 * AWS's rules for scaling parameters: at most 5 replicas, and a partition count (at most 10) only
 * with the largest instance type of a generation. Also what DescribeDomains derives from them.
 */
public final class ScalingRules {

    public static final int MAX_REPLICATION = 5;
    public static final int MAX_PARTITIONS = 10;
    public static final String DEFAULT_INSTANCE_TYPE = "search.small";
    private static final Set<String> LARGEST = Set.of("search.2xlarge", "search.m2.2xlarge", "search.m3.2xlarge",
            "search.previousgeneration.2xlarge");

    private ScalingRules() {
    }

    public static void check(ScalingParameters p) {
        Enums.check(p.desiredInstanceTypeAsString(), software.amazon.awssdk.services.cloudsearch.model.PartitionInstanceType.knownValues()
                .stream().map(Object::toString).sorted().toList(), "scalingParameters.desiredInstanceType");
        int replicas = p.desiredReplicationCount() == null ? 0 : p.desiredReplicationCount();
        int partitions = p.desiredPartitionCount() == null ? 0 : p.desiredPartitionCount();
        if (replicas > MAX_REPLICATION) {
            throw CloudSearchException.invalid("DesiredReplicationCount must be at most " + MAX_REPLICATION + ".");
        }
        if (partitions > MAX_PARTITIONS) {
            throw CloudSearchException.invalid("DesiredPartitionCount must be at most " + MAX_PARTITIONS + ".");
        }
        if (partitions > 1 && !LARGEST.contains(instanceType(p))) {
            throw CloudSearchException.invalid("DesiredPartitionCount can only be set when DesiredInstanceType is the largest"
                    + " instance type (search.2xlarge).");
        }
    }

    public static String instanceType(ScalingParameters p) {
        return p.desiredInstanceTypeAsString() == null ? DEFAULT_INSTANCE_TYPE : p.desiredInstanceTypeAsString();
    }

    public static int partitions(ScalingParameters p) {
        return Math.max(1, p.desiredPartitionCount() == null ? 1 : p.desiredPartitionCount());
    }

    public static int instances(ScalingParameters p) {
        return partitions(p) * Math.max(1, p.desiredReplicationCount() == null ? 1 : p.desiredReplicationCount());
    }
}
