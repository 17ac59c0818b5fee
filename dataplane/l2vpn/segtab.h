/*
 * A segment described by a table: each row names an object, its
 * storage type and either a constant value or a key.  Values for keys
 * come from the caller at creation and on every later update, and a
 * key may stand for several objects (pwOperStatus and cpwVcOperStatus
 * are one fact).  The pseudowire and VPLS segments are such tables.
 *
 * Constants: integers take VALUE; OctetStr rows with no key are empty
 * (of maximum length MAXLEN); a Bits value (constant or keyed) is a
 * number whose low byte is bits 0-7, stored in as many octets as the
 * catalogue's definition has (the rest zero).  A keyed OctetStr
 * row with MAXLEN 0 is as long as its value at creation.
 */
#ifndef SHMIB_L2VPN_SEGTAB_H
#define SHMIB_L2VPN_SEGTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "shm/shm.h"

#define SEGTAB_MODE 0640

/* Shorthands for the row tables: storage types, and the SMI values
 * (RowStatus, StorageType, TruthValue, up/down) they hold most. */
#define I32  SHM_INTEGER32
#define U32  SHM_UNSIGNED32
#define C32  SHM_COUNTER32
#define C64  SHM_COUNTER64
#define TT   SHM_TIMETICKS
#define STR  SHM_OCTETSTR
#define BITS SHM_BITS
#define UP       1
#define DOWN     2
#define TRUE     1
#define FALSE    2
#define ACTIVE   1
#define VOLATILE 2

struct segtab_row {
	const char *name;
	enum shm_type type;
	uint16_t maxlen;
	int key;                        /* 0: constant */
	int64_t value;
	unsigned group;                 /* 0, or a bit the creator may omit */
};

struct segtab_val {
	uint64_t num;
	const void *str;
	size_t len;
};

struct segtab {
	struct shm_writer *w;
	const struct segtab_row *rows;
	size_t n;
	int *h;                         /* handle of each row */
};

/* Creates and publishes segment NAME in DIR; VALS is indexed by key.
 * Rows whose group is in OMIT are left out. */
int segtab_create(struct segtab *t, const char *dir, const char *name,
		  const struct segtab_row *rows, size_t n, unsigned omit,
		  const struct segtab_val *vals, struct shmib_err *err);

/* Sets every object of KEY. */
void segtab_set(struct segtab *t, int key, const struct segtab_val *v);
void segtab_set_num(struct segtab *t, int key, uint64_t num);
void segtab_set_str(struct segtab *t, int key, const char *s);

/* Removes the files when UNLINK_FILES, and frees. */
void segtab_destroy(struct segtab *t, bool unlink_files);

#endif
