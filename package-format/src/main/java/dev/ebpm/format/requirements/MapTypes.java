package dev.ebpm.format.requirements;

import dev.ebpm.format.object.MapType;

/** The mainline release that added each map type. */
public final class MapTypes {
    private MapTypes() {
    }

    public static KernelVersion since(MapType type) {
        String v = switch (type) {
            case UNSPEC, HASH, ARRAY, UNKNOWN -> "3.19";
            case PROG_ARRAY -> "4.2";
            case PERF_EVENT_ARRAY -> "4.3";
            case PERCPU_HASH, PERCPU_ARRAY, STACK_TRACE -> "4.6";
            case CGROUP_ARRAY -> "4.8";
            case LRU_HASH, LRU_PERCPU_HASH -> "4.10";
            case LPM_TRIE -> "4.11";
            case ARRAY_OF_MAPS, HASH_OF_MAPS -> "4.12";
            case DEVMAP, SOCKMAP -> "4.14";
            case CPUMAP -> "4.15";
            case XSKMAP, SOCKHASH -> "4.18";
            case CGROUP_STORAGE, REUSEPORT_SOCKARRAY -> "4.19";
            case PERCPU_CGROUP_STORAGE, QUEUE, STACK -> "4.20";
            case SK_STORAGE -> "5.2";
            case DEVMAP_HASH -> "5.4";
            case STRUCT_OPS -> "5.6";
            case RINGBUF -> "5.8";
            case INODE_STORAGE -> "5.10";
            case TASK_STORAGE -> "5.11";
            case BLOOM_FILTER -> "5.16";
            case USER_RINGBUF -> "6.1";
            case CGRP_STORAGE -> "6.2";
            case ARENA -> "6.9";
        };
        return KernelVersion.parse(v);
    }
}
