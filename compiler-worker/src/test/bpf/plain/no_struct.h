/* An export header with constants only, as some tools ship: eunomia's ecc accepts it. */
#ifndef NO_STRUCT_H
#define NO_STRUCT_H

#define MAX_NAME 16

enum kind { KIND_EXEC = 1 };

#endif
