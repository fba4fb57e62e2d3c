/* An export struct whose layout differs between the BPF target and wasm32 unless ecc lays it out. */
enum colour { RED = 1, GREEN = 2 };

struct inner {
    char name[5];
    long long value;
};

struct layout_event {
    long l;
    char c;
    void *p;
    unsigned int bits_a : 3, bits_b : 5;
    short s;
    struct inner in[2];
    union {
        int i;
        float f;
    };
    unsigned __int128 big;
    _Bool flag;
    enum colour colour;
    unsigned long matrix[2][3];
};
