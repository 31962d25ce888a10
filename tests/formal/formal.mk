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
	@why3 config detect -C $@ >/dev/null # warns that $@ does not exist yet: harmless

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

verify: verify-spin verify-wp verify-diff verify-coursework
	@mkdir -p $(RESULTS)
	@{ for n in $(SPIN_NAMES); do \
		cat $(FORMAL_O)/spin/$$n.res 2>/dev/null || echo "FAIL $$n: no result"; \
	done; for n in $(WP_NAMES); do \
		cat $(WP_O)/$$n.res 2>/dev/null || echo "FAIL wp-$$n: no result"; \
	done; cat $(WP_O)/axioms.res 2>/dev/null || echo "FAIL wp-axioms: no result"; \
	grep -E '^(PASS|FAIL)' $(FORMAL_O)/diff.res 2>/dev/null || echo "FAIL difftest: no result"; \
	grep -E '^(PASS|FAIL)' $(FORMAL_O)/coursework.res 2>/dev/null || echo "FAIL coursework: no result"; \
	} | tee $(RESULTS)/verify.res

	@! grep -q '^FAIL' $(RESULTS)/verify.res

# --- differential test: reference model vs kernel (tests/formal/refmodel) ---
# DIFF_SEEDS seeds of DIFF_OPS operations each, one after the other (the
# program is compiled into the root task); DIFF_KERNEL is the kernel under
# test (verify-mutants points it at a mutant). Verdicts: $(FORMAL_O)/diff.res.
DIFF_DIR := tests/formal/refmodel
DIFF_O := $(FORMAL_O)/difftest
DIFF_SEEDS ?= 1 2 3
DIFF_OPS ?= 500
DIFF_KERNEL ?= $(KERNEL_ELF)
DIFF_TIMEOUT ?= 120
DIFF_RES ?= $(FORMAL_O)/diff.res
DIFFTEST_OBJS := $(USER_O)/tests/formal/refmodel/difftest.c.o
$(DIFFTEST_OBJS): USER_CFLAGS += -I$(DIFF_O)
$(DIFFTEST_OBJS): $(DIFF_O)/prog.h
$(eval $(call root_task,difftest,$(DIFFTEST_OBJS)))
DIFFTEST_IMG := $(difftest_IMG)

.PHONY: verify-diff verify-diff-one FORCE
FORCE:
$(DIFF_O)/prog.h: FORCE
	@$(PY) $(DIFF_DIR)/difftest.py gen --seed $(DIFF_SEED) --ops $(DIFF_OPS) --out $(DIFF_O) \
		$(if $(DIFF_PROGRAM),--program $(DIFF_PROGRAM)) $(if $(DIFF_PATCH_MODEL),--patch-model $(DIFF_PATCH_MODEL))

verify-diff-one: $(DIFF_KERNEL) $(DIFFTEST_IMG)
	@$(PY) $(DIFF_DIR)/difftest.py run --seed $(DIFF_SEED) --name difftest_seed$(DIFF_SEED) \
		--expected $(DIFF_O)/expected.txt --log $(DIFF_O)/seed$(DIFF_SEED).log \
		--timeout $(DIFF_TIMEOUT) -- $(QEMU) -M $(PLAT_MACHINE),gic-version=$(PLAT_GIC) \
		-cpu $(PLAT_CPU) -m $(PLAT_RAM_MB) -smp 1 -nographic -no-reboot -kernel $(DIFF_KERNEL) \
		$(call qemu_loader,$(DIFFTEST_IMG)) | tee -a $(DIFF_RES)

verify-diff: $(APT_STAMP)
	@mkdir -p $(FORMAL_O) && rm -f $(FORMAL_O)/diff.res
	@for s in $(DIFF_SEEDS); do \
		$(MAKE) --no-print-directory -j1 verify-diff-one DIFF_SEED=$$s >/dev/null || true; \
		if [ -n "$(DIFF_STOP)" ] && grep -q '^FAIL' $(FORMAL_O)/diff.res; then break; fi; \
	done; cat $(FORMAL_O)/diff.res

# The long run (make test-full): 40 seeds of 3000 operations.
.PHONY: test-full verify-diff-long
verify-diff-long:
	@$(MAKE) --no-print-directory verify-diff DIFF_SEEDS="$$(seq 100 139 | tr '\n' ' ')" DIFF_OPS=3000
	@mkdir -p $(RESULTS) && cp $(FORMAL_O)/diff.res $(RESULTS)/diff-long.res
	@! grep -q '^FAIL' $(FORMAL_O)/diff.res
test-full: verify-diff-long

# --- make verify-mutants: known kernel bugs must each be caught -------------
# tests/formal/mutants/README.md; OUT: $(FORMAL_O)/mutants (table, .res, log).
.PHONY: verify-mutants
verify-mutants: $(APT_STAMP) $(KTEST_IMG)
	@mkdir -p $(RESULTS)
	$(Q)$(PY) tests/formal/mutants/run.py --out $(FORMAL_O)/mutants $(if $(MUTANTS),--only $(MUTANTS)) \
		$(if $(MUTANTS_ALL),--all)

include docs/coursework/coursework.mk
