# SPDX-License-Identifier: BSD-2-Clause
# `make verify`: the formal checks (tests/formal/README.md). Each check is
# one target, so `make -j2 verify` runs two at a time; results go to
# $(RESULTS)/verify.res, one "PASS name" / "FAIL name: why" line each.
#
# SPIN_CHECKS entries: name:model:defines:claim:expect, where model is
# tessera.pml or bugs/<bug>.patch (a copy of the model with a planted bug)
# and expect is pass (the property must be proved) or fail (the planted
# bug must make that property fail; a planted bug that passes is an error).

FORMAL_O := $(B)/formal
SPIN_DIR := tests/formal/spin
SPIN_CHECKS := \
	model_asserts:tessera.pml:-:-:pass \
	no_lost_wakeup:tessera.pml:-:no_lost_wakeup:pass \
	all_finish:tessera.pml:-DCLOSED:all_finish:pass \
	msg_to_holder:tessera.pml:-:msg_to_holder:pass \
	reply_once:tessera.pml:-:reply_once:pass \
	ep_delete_releases:tessera.pml:-:ep_delete_releases:pass \
	no_lost_bit:tessera.pml:-:no_lost_bit:pass \
	bug_lost_wakeup:bugs/lost_wakeup.patch:-:no_lost_wakeup:fail \
	bug_lost_wakeup_live:bugs/lost_wakeup.patch:-DCLOSED:all_finish:fail \
	bug_misdelivery:bugs/misdelivery.patch:-:msg_to_holder:fail \
	bug_reply_twice:bugs/reply_twice.patch:-:reply_once:fail \
	bug_delete_one:bugs/delete_one.patch:-:ep_delete_releases:fail \
	bug_lost_bit:bugs/lost_bit.patch:-:no_lost_bit:fail
spin_field = $(word $(2),$(subst :, ,$(1)))
SPIN_NAMES := $(foreach c,$(SPIN_CHECKS),$(call spin_field,$(c),1))

.PHONY: verify verify-spin verify-wp verify-wp-axioms verify-wp-mutants $(addprefix verify-wp-,$(WP_NAMES)) $(addprefix verify-spin-,$(SPIN_NAMES))

define spin_check
verify-spin-$(call spin_field,$(1),1): $(APT_STAMP)
	@mkdir -p $(FORMAL_O)/spin
	@sh $(SPIN_DIR)/check.sh $(call spin_field,$(1),1) $(call spin_field,$(1),2) \
		$(call spin_field,$(1),3) $(call spin_field,$(1),4) $(call spin_field,$(1),5) \
		$(FORMAL_O)/spin >/dev/null || true
endef
$(foreach c,$(SPIN_CHECKS),$(eval $(call spin_check,$(c))))

verify-spin: $(addprefix verify-spin-,$(SPIN_NAMES))

# Frama-C WP: every function in tests/formal/wp/units must have all its
# goals proved ($(FORMAL_O)/wp/<file>.res: one line per function, proved/total);
# verify-wp-mutants checks that WP fails on each tests/formal/wp/mutants/
# patch (called by `make verify-mutants`).
WP_O := $(FORMAL_O)/wp
WP_FILES := $(shell awk '!/^\#/ && NF {print $$1}' tests/formal/wp/units)
WP_NAMES := $(basename $(notdir $(WP_FILES)))

$(WP_O)/why3.conf: $(APT_STAMP)
	@mkdir -p $(WP_O)
	@why3 config detect -C $@ >/dev/null

define wp_unit
verify-wp-$(basename $(notdir $(1))): $(WP_O)/why3.conf
	@rm -f $(WP_O)/$(basename $(notdir $(1))).res
	@sh tests/formal/wp/wp.sh unit $(WP_O) $(1) >/dev/null || true
endef
$(foreach f,$(WP_FILES),$(eval $(call wp_unit,$(f))))

verify-wp-axioms:
	@mkdir -p $(WP_O)
	@$(PY) tests/formal/wp/check_axioms.py >$(WP_O)/axioms.res || true

verify-wp: verify-wp-axioms $(addprefix verify-wp-,$(WP_NAMES))

verify-wp-mutants: $(WP_O)/why3.conf
	@sh tests/formal/wp/wp.sh mutants $(WP_O)

verify: verify-spin verify-wp
	@mkdir -p $(RESULTS)
	@{ for n in $(SPIN_NAMES); do \
		cat $(FORMAL_O)/spin/$$n.res 2>/dev/null || echo "FAIL $$n: no result"; \
	done; for n in $(WP_NAMES); do \
		cat $(WP_O)/$$n.res 2>/dev/null || echo "FAIL wp-$$n: no result"; \
	done; cat $(WP_O)/axioms.res 2>/dev/null || echo "FAIL wp-axioms: no result"; } | tee $(RESULTS)/verify.res
	@! grep -q '^FAIL' $(RESULTS)/verify.res
