package drp.tiny.io;

/** GGUF metadata value types, with their on-disk codes. */
public enum GgufType {
    UINT8(0), INT8(1), UINT16(2), INT16(3), UINT32(4), INT32(5), FLOAT32(6), BOOL(7), STRING(8), ARRAY(9),
    UINT64(10), INT64(11), FLOAT64(12);

    final int code;

    GgufType(int code) {
        this.code = code;
    }

    static GgufType of(int code) {
        for (GgufType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown GGUF value type " + code);
    }
}
