// SPDX-License-Identifier: BSD-2-Clause
/* Bounded formatter for kernel messages; see kernel/printf.h. */
#include <kernel/printf.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void out_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

/* Writes digits of v in base (10 or 16), honouring width and padding. */
static void out_number(struct out *o, unsigned long long v, unsigned base, bool upper,
		       bool negative, int width, bool zero, bool left)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v != 0);
	int total = n + (negative ? 1 : 0);
	if (!left && !zero)
		out_pad(o, ' ', width - total);
	if (negative)
		out_char(o, '-');
	if (!left && zero)
		out_pad(o, '0', width - total);
	while (n > 0)
		out_char(o, tmp[--n]);
	if (left)
		out_pad(o, ' ', width - total);
}

static void out_string(struct out *o, const char *s, int width, bool left)
{
	int n = 0;

	if (s == NULL)
		s = "(null)";
	while (s[n] != '\0')
		n++;
	if (!left)
		out_pad(o, ' ', width - n);
	for (int i = 0; i < n; i++)
		out_char(o, s[i]);
	if (left)
		out_pad(o, ' ', width - n);
}

/* Fetches an integer argument of the given length class (0 int, 1 long, 2 long long). */
static unsigned long long arg_unsigned(va_list *ap, int lng)
{
	if (lng == 2)
		return va_arg(*ap, unsigned long long);
	if (lng == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static long long arg_signed(va_list *ap, int lng)
{
	if (lng == 2)
		return va_arg(*ap, long long);
	if (lng == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct out o = {buf, size, 0};
	va_list ap;

	va_copy(ap, ap_in);
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			out_char(&o, *fmt);
			continue;
		}
		fmt++;
		bool zero = false, left = false;
		for (; *fmt == '0' || *fmt == '-'; fmt++) {
			if (*fmt == '0')
				zero = true;
			else
				left = true;
		}
		int width = 0;
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		int lng = 0;
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			lng = (*fmt == 'z') ? 1 : lng + 1;
		if (lng > 2)
			lng = 2;
		switch (*fmt) {
		case 'c':
			out_char(&o, (char)va_arg(ap, int));
			break;
		case 's':
			out_string(&o, va_arg(ap, const char *), width, left);
			break;
		case 'd':
		case 'i': {
			long long v = arg_signed(&ap, lng);
			unsigned long long mag =
			    v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
			out_number(&o, mag, 10, false, v < 0, width, zero, left);
			break;
		}
		case 'u':
			out_number(&o, arg_unsigned(&ap, lng), 10, false, false, width, zero, left);
			break;
		case 'x':
		case 'X':
			out_number(&o, arg_unsigned(&ap, lng), 16, *fmt == 'X', false, width, zero,
				   left);
			break;
		case 'p':
			out_string(&o, "0x", 0, false);
			out_number(&o, (uintptr_t)va_arg(ap, void *), 16, false, false, 0, false,
				   false);
			break;
		case '%':
			out_char(&o, '%');
			break;
		case '\0':
			fmt--; /* a lone '%' at the end prints nothing */
			break;
		default:
			out_char(&o, '%');
			out_char(&o, *fmt);
			break;
		}
	}
	va_end(ap);
	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
