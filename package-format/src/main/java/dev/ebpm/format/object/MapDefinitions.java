package dev.ebpm.format.object;

import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfType;

/**
 * Decodes a map declared in {@code .maps} from its BTF: {@code __uint(type, N)} is a member pointing to an
 * array of N elements, {@code __type(key, T)} a member pointing to T.
 */
final class MapDefinitions {
    private MapDefinitions() {
    }

    static MapInfo parse(Btf btf, BtfType.Var var) {
        if (!(btf.resolve(var.type()) instanceof BtfType.Composite def) || def.isUnion()) {
            throw new ObjectFormatException("map '" + var.name() + "' in .maps is not a struct definition");
        }
        long type = 0;
        long maxEntries = 0;
        long keySize = 0;
        long valueSize = 0;
        int keyType = 0;
        int valueType = 0;
        for (BtfType.Member m : def.members()) {
            switch (m.name()) {
                case "type" -> type = uintValue(btf, var, m);
                case "max_entries" -> maxEntries = uintValue(btf, var, m);
                case "key_size" -> keySize = uintValue(btf, var, m);
                case "value_size" -> valueSize = uintValue(btf, var, m);
                case "key" -> {
                    keyType = pointee(btf, var, m);
                    keySize = btf.sizeOf(keyType);
                }
                case "value" -> {
                    valueType = pointee(btf, var, m);
                    valueSize = btf.sizeOf(valueType);
                }
                default -> {
                    // map_flags, numa_node, pinning, map_extra, values: not needed to describe the map.
                }
            }
        }
        return new MapInfo(var.name(), ObjectNames.sanitizeIdentifier(var.name()), ".maps", false, false,
            MapType.fromCode(type), type, keyType, valueType, keySize, valueSize, maxEntries);
    }

    private static long uintValue(Btf btf, BtfType.Var var, BtfType.Member m) {
        if (btf.skipModifiers(m.type()) instanceof BtfType.Ptr p
            && btf.skipModifiers(p.type()) instanceof BtfType.Array a) {
            return Integer.toUnsignedLong(a.length());
        }
        throw new ObjectFormatException("map '" + var.name() + "': member '" + m.name()
            + "' is not declared with __uint()");
    }

    private static int pointee(Btf btf, BtfType.Var var, BtfType.Member m) {
        if (btf.skipModifiers(m.type()) instanceof BtfType.Ptr p) {
            return p.type();
        }
        throw new ObjectFormatException("map '" + var.name() + "': member '" + m.name()
            + "' is not declared with __type()");
    }
}
