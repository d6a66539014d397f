# Turn a data file into a C source holding it as a string, so the demo runs
# from any directory and after installation.  -D IN=file -D OUT=file -D NAME=symbol
file(READ ${IN} content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," content "${content}")
file(WRITE ${OUT} "/* generated from ${NAME} data; do not edit */\n#include <stddef.h>\nconst char ${NAME}[] = {${content} 0};\nconst size_t ${NAME}_len = sizeof(${NAME}) - 1;\n")
