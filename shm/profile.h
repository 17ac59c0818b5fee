/*
 * Segment profiles: what a kind of segment holds (interface,
 * pseudowire, VPLS), declared once in mibs/profiles.txt and compiled by
 * mibs/gen-profiles.awk into build/gen/profiles.{c,h}: each object's
 * name, its storage type (the catalogue's SMI type, or the rule for
 * auxiliaries), its size and either a constant value or a key.  The
 * code that computes values supplies them by key at creation and on
 * every later update; a key may stand for several objects
 * (pwOperStatus and cpwVcOperStatus are one fact, ifHCInOctets and
 * ifInOctets one counter).  This file is the one writer of such
 * segments: the dataplane, shmib-fakeseg and the interface agent's
 * kernel rows use it, and the consistency test checks every profile
 * against the catalogue.
 *
 * Values: integers take the number (32-bit types its low half); an
 * OctetStr takes the bytes, and one of size 0 has room for its value
 * at creation (or CAP bytes; a constant one is empty); a Bits value is a number whose
 * low byte is bits 0-7, stored in the octets its definition has (RFC
 * 3417 §8, so that readers which take the stored length, the Perl
 * agents, serve the right one too), the rest zero.
 *
 * To add a column: its line in mibs/catalogue.txt (OID, type), one line
 * in mibs/profiles.txt (constant, or a key word), and, for a key, the
 * code that computes the value (the key is <PROFILE>_<WORD> in
 * profiles.h).  To add a table: its Table line and columns in the
 * catalogue, the columns in the profile of the segment kind that holds
 * its rows, and its indexer in the agent (agent.h).  A new segment
 * kind: lines under a new profile name; profiles.h then declares
 * profile_<name> and its keys.  tests/unit/test_profile_recipe.c adds a
 * column so (tests/unit/profile-extra.txt, ifOutQLen); test_profile.c
 * is the consistency test.
 */
#ifndef SHMIB_SHM_PROFILE_H
#define SHMIB_SHM_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "shm/shm.h"

struct shm_pobj {
	const char *name;
	enum shm_type type;
	uint16_t size;          /* OctetStr: capacity, 0: the value's
				 * length at creation; Bits: octets */
	unsigned group;         /* 0, or a bit the creator may omit */
	int key;                /* 0: constant */
	int64_t value;          /* the constant */
};

struct shm_profile {
	const char *name;
	const struct shm_pobj *obj;
	size_t n;
};

struct shm_pval {
	uint64_t num;
	const void *str;
	size_t len;
	size_t cap;             /* an OctetStr of size 0: room for a value
				 * up to CAP, when larger than LEN */
};

/* The values computed objects take most: TruthValue true(1) or
 * false(2), and up(1) or down(2) of the ...Status objects. */
static inline uint64_t shm_truth(bool b)
{
	return b ? 1 : 2;
}

static inline uint64_t shm_status(bool up)
{
	return up ? 1 : 2;
}

/* A segment being written after a profile. */
struct shm_pseg {
	struct shm_writer *w;
	const struct shm_profile *p;
	int *h;                 /* handle of each object, -1: left out */
};

/* Adds P's objects to W (taken over: freed by shm_pseg_free, also when
 * this fails) but those of a group in OMIT, with their values; VALS is
 * indexed by key.  The caller publishes S->w. */
int shm_pseg_init(struct shm_pseg *s, struct shm_writer *w,
		  const struct shm_profile *p, unsigned omit,
		  const struct shm_pval *vals, struct shmib_err *err);

/* shm_pseg_init on a new segment NAME in DIR, then published with
 * MODE. */
int shm_pseg_create(struct shm_pseg *s, const char *dir, const char *name,
		    const struct shm_profile *p, unsigned omit,
		    const struct shm_pval *vals, mode_t mode,
		    struct shmib_err *err);

/* Sets every object of KEY.  Not guarded: numbers are single stores,
 * strings guard themselves, and the end of a guarded update signals
 * readers (shm.h), which counters set on every publish must not do;
 * callers guard status changes. */
void shm_pseg_set(struct shm_pseg *s, int key, const struct shm_pval *v);
void shm_pseg_set_num(struct shm_pseg *s, int key, uint64_t num);
void shm_pseg_set_str(struct shm_pseg *s, int key, const char *str);

/* Removes the files when UNLINK_FILES, and frees. */
void shm_pseg_free(struct shm_pseg *s, bool unlink_files);

/* P's object NAME, or NULL. */
const struct shm_pobj *shm_profile_find(const struct shm_profile *p,
					const char *name);

#endif
