# SPDX-License-Identifier: BSD-2-Clause
"""Render stage: spec.Spec (+ model.System) -> generated files.

Input: the Spec from lower and the System it came from. Output: a dict
{path relative to the output directory: text}, in a fixed order:

  include/tessera_spec.h       the spec's C types (for init)
  include/tessera_vm_config.h  the VM configuration's C types (for VMMs)
  include/tsr_rt.h             the runtime API the glue calls
  spec.c                       the spec as data (tsr_spec)
  components/<inst>/glue.h     per instance: slots, stubs, attributes,
  components/<inst>/glue.c     dispatch, dataport symbols, thread entry
  components/<vm>_vmm/vm_config.c   per VM: tsr_vm_config
  system.mk                    instances, their sources, archive names
  archive.list                 "<archive name> <host path>" per file

Templates live in idl/templates, hold no logic beyond printing lists, and
are rendered with StrictUndefined (an undefined variable is an error).
"""
import os

import jinja2

from .glue import glue_view
from .render_spec import spec_view
from .render_vm import vm_view

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")


def environment():
    """The one jinja2 environment: strict, deterministic whitespace."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                              undefined=jinja2.StrictUndefined, autoescape=False,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render(spec, system):
    """Produce every generated file; see the module docstring."""
    env = environment()
    put = lambda template, **ctx: env.get_template(template).render(**ctx)  # noqa: E731
    files = {
        "include/tessera_spec.h": put("tessera_spec.h.j2"),
        "include/tessera_vm_config.h": put("tessera_vm_config.h.j2"),
        "include/tsr_rt.h": put("tsr_rt.h.j2"),
        "spec.c": put("spec.c.j2", **spec_view(spec)),
    }
    for sp in spec.spaces:
        if sp.kind == "guest":
            continue
        view = glue_view(sp, system)
        files[f"components/{sp.name}/glue.h"] = put("glue.h.j2", **view)
        files[f"components/{sp.name}/glue.c"] = put("glue.c.j2", **view)
        if sp.glue.vm is not None:
            view = vm_view(sp.glue.vm, sp.cnode_bits)
            files[f"components/{sp.name}/vm_config.c"] = put("vm_config.c.j2", **view)
    instances = [(sp.name, sp.source) for sp in spec.spaces if sp.kind != "guest"]
    files["system.mk"] = put("system.mk.j2", source=spec.source, system=spec.system,
                             instances=instances, files=[f.name for f in spec.archive])
    files["archive.list"] = "".join(f"{f.name} {f.path}\n" for f in spec.archive)
    return files
