package dev.ebpm.format.btf;

import java.util.List;

/**
 * One BTF type. Each kind is a record; types refer to each other by id, resolved through {@link Btf}.
 * Names are empty for anonymous types.
 */
public sealed interface BtfType {
    int id();

    String name();

    BtfKind kind();

    /** Type id 0: {@code void}. */
    record Void() implements BtfType {
        public int id() {
            return 0;
        }

        public String name() {
            return "void";
        }

        public BtfKind kind() {
            return BtfKind.VOID;
        }
    }

    record Int(int id, String name, int size, int encoding, int bitOffset, int bits) implements BtfType {
        public static final int SIGNED = 1;
        public static final int CHAR = 2;
        public static final int BOOL = 4;

        public BtfKind kind() {
            return BtfKind.INT;
        }

        public boolean isSigned() {
            return (encoding & SIGNED) != 0;
        }

        public boolean isChar() {
            return (encoding & CHAR) != 0;
        }

        public boolean isBool() {
            return (encoding & BOOL) != 0;
        }
    }

    record Ptr(int id, int type) implements BtfType {
        public String name() {
            return "";
        }

        public BtfKind kind() {
            return BtfKind.PTR;
        }
    }

    record Array(int id, int elementType, int indexType, int length) implements BtfType {
        public String name() {
            return "";
        }

        public BtfKind kind() {
            return BtfKind.ARRAY;
        }
    }

    /** A struct or union member. {@code bitfieldSize} is 0 for members that are not bitfields. */
    record Member(String name, int type, long bitOffset, int bitfieldSize) {
        public boolean isBitfield() {
            return bitfieldSize != 0;
        }
    }

    /** A struct or a union, told apart by {@link #kind()}. */
    record Composite(int id, String name, BtfKind kind, int size, List<Member> members) implements BtfType {
        public Composite {
            members = List.copyOf(members);
        }

        public boolean isUnion() {
            return kind == BtfKind.UNION;
        }
    }

    record EnumValue(String name, long value) {
    }

    /** An enum; {@code kind} is ENUM or ENUM64. */
    record Enum(int id, String name, BtfKind kind, int size, boolean signed, List<EnumValue> values) implements BtfType {
        public Enum {
            values = List.copyOf(values);
        }
    }

    record Fwd(int id, String name, boolean union) implements BtfType {
        public BtfKind kind() {
            return BtfKind.FWD;
        }
    }

    record Typedef(int id, String name, int type) implements BtfType {
        public BtfKind kind() {
            return BtfKind.TYPEDEF;
        }
    }

    /** const, volatile, restrict or a type tag; only a type tag has a name. */
    record Modifier(int id, String name, BtfKind kind, int type) implements BtfType {
    }

    record Func(int id, String name, int protoType, int linkage) implements BtfType {
        public BtfKind kind() {
            return BtfKind.FUNC;
        }
    }

    record Param(String name, int type) {
    }

    record FuncProto(int id, int returnType, List<Param> params) implements BtfType {
        public FuncProto {
            params = List.copyOf(params);
        }

        public String name() {
            return "";
        }

        public BtfKind kind() {
            return BtfKind.FUNC_PROTO;
        }
    }

    record Var(int id, String name, int type, int linkage) implements BtfType {
        public static final int STATIC = 0;
        public static final int GLOBAL = 1;
        public static final int EXTERN = 2;

        public BtfKind kind() {
            return BtfKind.VAR;
        }

        public boolean isStatic() {
            return linkage == STATIC;
        }
    }

    record VarSecInfo(int type, long offset, long size) {
    }

    record DataSec(int id, String name, long size, List<VarSecInfo> vars) implements BtfType {
        public DataSec {
            vars = List.copyOf(vars);
        }

        public BtfKind kind() {
            return BtfKind.DATASEC;
        }
    }

    record Float(int id, String name, int size) implements BtfType {
        public BtfKind kind() {
            return BtfKind.FLOAT;
        }
    }

    record DeclTag(int id, String name, int type, int componentIndex) implements BtfType {
        public BtfKind kind() {
            return BtfKind.DECL_TAG;
        }
    }
}
