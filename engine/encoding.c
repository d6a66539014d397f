#include "encoding.h"

const char cx_utf16_message[] =
	"the input is UTF-16 text (it starts with a UTF-16 byte order mark); "
	"caspian reads UTF-8: save it as UTF-8 CSV";

int cx_starts_utf16(const unsigned char *b, size_t n)
{
	return n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF));
}

size_t cx_utf8_bom_len(const unsigned char *b, size_t n)
{
	return n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
}
