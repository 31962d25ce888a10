# SPDX-License-Identifier: BSD-2-Clause
# Coursework checkers (docs/coursework/README.md).
#   make coursework-check EX=<exercise dir name> SOL=<directory>
# checks a solution of one exercise; verify-coursework (part of make
# verify) checks that every checker fails on the exercise's start/ and
# passes on its solution/.
CW := docs/coursework
CW_EXERCISES := ex1-spin-poll ex2-wp-contract ex3-counterexample ex4-refmodel-op ex5-find-the-bug
cw_cmd_ex1-spin-poll = sh $(CW)/spin_check.sh $(CW)/ex1-spin-poll $(1) no_lost_bit
cw_cmd_ex2-wp-contract = sh $(CW)/wp_check.sh $(CW)/ex2-wp-contract $(1)
cw_cmd_ex3-counterexample = sh $(CW)/spin_check.sh $(CW)/ex3-counterexample $(1) reply_once
cw_cmd_ex4-refmodel-op = $(PY) $(CW)/diff_check.py model $(1)
cw_cmd_ex5-find-the-bug = $(PY) $(CW)/diff_check.py witness $(CW)/ex5-find-the-bug $(1)

.PHONY: coursework-check verify-coursework
coursework-check: $(APT_STAMP)
	@$(call cw_cmd_$(EX),$(SOL))

# One line per exercise in $(FORMAL_O)/coursework.res.
# After verify-diff: both build the difftest root task from one prog.h.
verify-coursework: $(APT_STAMP) | verify-diff
	@mkdir -p $(FORMAL_O) && : > $(FORMAL_O)/coursework.res
	@for ex in $(CW_EXERCISES); do \
		if $(MAKE) --no-print-directory -s coursework-check EX=$$ex SOL=$(CW)/$$ex/start \
			>$(FORMAL_O)/cw-$$ex-start.log 2>&1; then \
			echo "FAIL coursework_$$ex: the checker passes on the starting files" ; \
		elif ! $(MAKE) --no-print-directory -s coursework-check EX=$$ex SOL=$(CW)/$$ex/solution \
			>$(FORMAL_O)/cw-$$ex-solution.log 2>&1; then \
			echo "FAIL coursework_$$ex: the checker fails on the reference solution ($$(tail -1 $(FORMAL_O)/cw-$$ex-solution.log))"; \
		else echo "PASS coursework_$$ex: checker fails on start/, passes on solution/"; fi; \
	done | tee $(FORMAL_O)/coursework.res
