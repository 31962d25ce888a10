/* SPDX-License-Identifier: BSD-2-Clause */
/* What ping sends and pong expects (configs/test-userland.tsr). */
#ifndef PING_SERVICE_H
#define PING_SERVICE_H

#define PING_ROUNDS	  10  /* PingService.ping calls: values 0, 1000, 2000, ... */
#define PING_SUM_WORDS	  12  /* PingService.sum: words 1, 2, 3, 4, 400, 500, ..., 1100 */
#define PING_CLIENT_BADGE 1   /* ping's badge: the first client of connection 'service' */
#define PING_WRITE_MAX	  512 /* string<512> of PingService.write */

#endif
