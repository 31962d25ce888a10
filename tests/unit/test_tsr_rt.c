// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of libs/libtessera/tsr_rt.c, the runtime under the IDL glue,
 * built against a golden generated tsr_rt.h and a fake kernel that records
 * the registers of each system call and answers with scripted ones: words
 * 0-3 move between msg[] and x2-x5, badges and notification words come
 * back from x6, failures become a non-zero label.
 */
#include <string.h>

#include <tessera/sys.h>

#include "check.h"
#include "tsr_rt.h"

__thread struct ipc_buffer *tsr_ipcbuf_tls;
static struct ipc_buffer buf;
static uint64_t seen[7], seen_sysno, answer[7];
static int calls;

void tsr_syscall_regs(uint64_t sysno, uint64_t r[7])
{
	seen_sysno = sysno;
	memcpy(seen, r, sizeof(seen));
	memcpy(r, answer, sizeof(answer));
	calls++;
}

static void reset(void)
{
	tsr_ipcbuf_tls = &buf;
	memset(&buf, 0, sizeof(buf));
	memset(answer, 0, sizeof(answer));
	calls = 0;
}

static void ipc_buffer(void)
{
	reset();
	CHECK(tsr_rt_ipc_buffer() == &buf);
}

static void call(void)
{
	reset();
	for (int i = 0; i < 8; i++)
		buf.msg[i] = 100 + i;
	answer[0] = ERR_OK;
	answer[1] = MSGINFO(0, 0, 6);
	answer[2] = 7, answer[3] = 8, answer[4] = 9, answer[5] = 10;
	unsigned long info = tsr_rt_call(5, MSGINFO(3, 0, 8));
	CHECK(calls == 1 && seen_sysno == SYS_CALL && seen[0] == 5);
	CHECK(seen[1] == MSGINFO(3, 0, 8));
	CHECK(seen[2] == 100 && seen[3] == 101 && seen[4] == 102 && seen[5] == 103);
	CHECK(info == MSGINFO(0, 0, 6));
	CHECK(buf.msg[0] == 7 && buf.msg[1] == 8 && buf.msg[2] == 9 && buf.msg[3] == 10);
	CHECK(buf.msg[4] == 104); /* words 4.. are the kernel's to write, untouched here */
}

static void call_error(void)
{
	reset();
	buf.msg[0] = 42;
	answer[0] = ERR_INVALID_CAPABILITY;
	answer[2] = 99;
	unsigned long info = tsr_rt_call(5, MSGINFO(1, 0, 1));
	CHECK(MSGINFO_LABEL(info) == ERR_INVALID_CAPABILITY);
	CHECK(buf.msg[0] == 42); /* nothing received */
}

static void recv(void)
{
	unsigned long badge = 0;

	reset();
	answer[0] = ERR_OK;
	answer[1] = MSGINFO(2, 0, 3);
	answer[2] = 11, answer[3] = 12, answer[4] = 13, answer[6] = 0x3;
	unsigned long info = tsr_rt_recv(6, 9, &badge);
	CHECK(seen_sysno == SYS_RECV && seen[0] == 6 && seen[6] == 9);
	CHECK(info == MSGINFO(2, 0, 3) && badge == 0x3);
	CHECK(buf.msg[0] == 11 && buf.msg[1] == 12 && buf.msg[2] == 13);
	reset();
	badge = 77;
	answer[0] = ERR_INVALID_CAPABILITY;
	info = tsr_rt_recv(6, 9, &badge);
	CHECK(MSGINFO_LABEL(info) == ERR_INVALID_CAPABILITY && badge == 0);
}

static void reply_recv(void)
{
	unsigned long badge = 0;

	reset();
	buf.msg[0] = 1, buf.msg[1] = 2, buf.msg[2] = 3, buf.msg[3] = 4;
	answer[0] = ERR_OK;
	answer[1] = MSGINFO(1, 0, 9);
	answer[2] = 21, answer[5] = 24, answer[6] = 2;
	unsigned long info = tsr_rt_reply_recv(6, MSGINFO(0, 0, 2), 9, &badge);
	CHECK(seen_sysno == SYS_REPLYRECV && seen[0] == 6 && seen[6] == 9);
	CHECK(seen[1] == MSGINFO(0, 0, 2) && seen[2] == 1 && seen[3] == 2 && seen[5] == 4);
	CHECK(info == MSGINFO(1, 0, 9) && badge == 2);
	CHECK(buf.msg[0] == 21 && buf.msg[3] == 24);
}

static void notifications(void)
{
	reset();
	tsr_rt_signal(4);
	CHECK(seen_sysno == SYS_SIGNAL && seen[0] == 4);
	reset();
	answer[0] = ERR_OK;
	answer[6] = 0x5;
	CHECK(tsr_rt_wait(7) == 0x5 && seen_sysno == SYS_WAIT && seen[0] == 7);
	reset();
	answer[6] = 0x8;
	CHECK(tsr_rt_poll(7) == 0x8 && seen_sysno == SYS_POLL);
	reset();
	answer[0] = ERR_INVALID_CAPABILITY;
	answer[6] = 0x8;
	CHECK(tsr_rt_poll(7) == 0 && tsr_rt_wait(7) == 0);
}

static void marshal_helpers(void)
{
	char out[8];

	reset();
	tsr_rt_put_str(&buf, 2, "hello world", 5);
	CHECK(memcmp(&buf.msg[2], "hello", 6) == 0);
	tsr_rt_get_str(&buf, 2, out, 3);
	CHECK(strcmp(out, "hel") == 0);
	uint32_t v = 0xdeadbeef, w = 0;
	tsr_rt_put(&buf, 7, &v, sizeof(v));
	tsr_rt_get(&buf, 7, &w, sizeof(w));
	CHECK(w == v);
}

int main(void)
{
	RUN("unit_tsr_rt", ipc_buffer);
	RUN("unit_tsr_rt", call);
	RUN("unit_tsr_rt", call_error);
	RUN("unit_tsr_rt", recv);
	RUN("unit_tsr_rt", reply_recv);
	RUN("unit_tsr_rt", notifications);
	RUN("unit_tsr_rt", marshal_helpers);
	return DONE("unit_tsr_rt");
}
