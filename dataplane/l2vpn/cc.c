/*
 * Control channel messages and the inbound status they drive; wire
 * format in cc.h.
 */
#include <stdio.h>
#include <string.h>

#include "dataplane/l2vpn/cc.h"

static uint8_t *put_tlv(uint8_t *p, uint8_t type, const void *v, size_t len)
{
	p[0] = type;
	p[1] = len;
	memcpy(p + 2, v, len);
	return p + 2 + len;
}

static uint8_t *put_u16(uint8_t *p, uint8_t type, uint16_t v)
{
	uint8_t b[2] = { v >> 8, v };

	return put_tlv(p, type, b, 2);
}

size_t cc_build(const struct cc_conf *c, uint8_t *buf)
{
	uint8_t vc[4] = { c->vc_id >> 24, c->vc_id >> 16, c->vc_id >> 8, c->vc_id };
	uint8_t *p = buf;

	p = put_u16(p, CC_TLV_HEARTBEAT, c->heartbeat);
	p = put_u16(p, CC_TLV_MTU, c->mtu);
	p = put_tlv(p, CC_TLV_IF_DESCRIPTION, c->ifstr, strnlen(c->ifstr, CC_IFSTR_MAX));
	p = put_tlv(p, CC_TLV_VC_ID, vc, 4);
	return p - buf;
}

/* Value sizes of the fixed-size TLVs; 0 for a string. */
static const uint8_t tlv_size[] = {
	[CC_TLV_HEARTBEAT] = 2,
	[CC_TLV_MTU] = 2,
	[CC_TLV_IF_DESCRIPTION] = 0,
	[CC_TLV_VC_ID] = 4,
};

static uint32_t get_be(const uint8_t *v, size_t n)
{
	uint32_t x = 0;

	while (n--)
		x = x << 8 | *v++;
	return x;
}

static void take(struct cc_msg *m, uint8_t type, const uint8_t *v, uint8_t len)
{
	switch (type) {
	case CC_TLV_HEARTBEAT:
		m->has_heartbeat = true;
		m->heartbeat = get_be(v, 2);
		break;
	case CC_TLV_MTU:
		m->has_mtu = true;
		m->mtu = get_be(v, 2);
		break;
	case CC_TLV_VC_ID:
		m->has_vc_id = true;
		m->vc_id = get_be(v, 4);
		break;
	case CC_TLV_IF_DESCRIPTION:
		len = len > CC_IFSTR_MAX ? CC_IFSTR_MAX : len;
		memcpy(m->ifstr, v, len);
		m->ifstr[len] = '\0';
		break;
	}
}

int cc_parse(const uint8_t *buf, size_t len, struct cc_msg *m,
	     const char **err)
{
	memset(m, 0, sizeof(*m));
	while (len) {
		if (len < 2)
			return *err = "truncated TLV header", -1;
		uint8_t type = buf[0], vlen = buf[1];
		if (!type || type >= sizeof(tlv_size))
			return *err = "unknown TLV type", -1;
		if (vlen > len - 2)
			return *err = "truncated TLV value", -1;
		if (tlv_size[type] && vlen != tlv_size[type])
			return *err = "wrong TLV length", -1;
		take(m, type, buf + 2, vlen);
		buf += 2 + vlen;
		len -= 2 + vlen;
	}
	if (!m->has_heartbeat)
		return *err = "no heartbeat TLV", -1;
	return 0;
}

/* Why M does not bring the pseudowire up, or NULL. */
static const char *fault(const struct cc_conf *c, const struct cc_msg *m,
			 char *buf, size_t size)
{
	if (m->has_mtu && m->mtu != c->mtu) {
		snprintf(buf, size, "MTU mismatch, local %u, remote %u",
			 c->mtu, m->mtu);
		return buf;
	}
	if (m->has_vc_id && m->vc_id != c->vc_id) {
		snprintf(buf, size, "VC ID mismatch, local %u, remote %u",
			 c->vc_id, m->vc_id);
		return buf;
	}
	return NULL;
}

static int set_up(struct cc_state *s, bool up, const char *why)
{
	if (s->up == up)
		return 0;
	s->up = up;
	snprintf(s->why, sizeof(s->why), "%s", why);
	return CC_CHANGED_STATUS;
}

static int take_remote(struct cc_state *s, const struct cc_msg *m)
{
	int changed = 0;

	if (m->has_mtu && m->mtu != s->remote_mtu) {
		s->remote_mtu = m->mtu;
		changed = CC_CHANGED_REMOTE;
	}
	if (strcmp(m->ifstr, s->remote_ifstr)) {
		strcpy(s->remote_ifstr, m->ifstr);
		changed = CC_CHANGED_REMOTE;
	}
	return changed;
}

int cc_receive(struct cc_state *s, const struct cc_conf *c,
	       const struct cc_msg *m, const char *err, uint64_t now)
{
	char buf[128];
	const char *why;

	if (!m) {
		snprintf(buf, sizeof(buf), "invalid control message: %s", err);
		return set_up(s, false, buf);
	}
	int changed = take_remote(s, m);
	s->last_rx = now;
	s->remote_heartbeat = m->heartbeat;
	why = fault(c, m, buf, sizeof(buf));
	return changed | set_up(s, !why, why ? why : "heartbeat received");
}

int cc_expire(struct cc_state *s, const struct cc_conf *c, uint64_t now)
{
	uint64_t limit = (uint64_t)s->remote_heartbeat * c->dead_factor;

	if (!s->up || !s->remote_heartbeat || now - s->last_rx <= limit)
		return 0;
	s->remote_heartbeat = 0;
	return set_up(s, false, "peer declared dead: no heartbeat");
}
