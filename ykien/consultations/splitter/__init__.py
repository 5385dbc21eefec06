"""Split a Vietnamese legal text into its structure: Phần, Chương, Mục, Điều, khoản, điểm.

Pure Python (no Django): the web import and ``ykien drafts split`` call the same code. The
package: ``base`` (kinds, nodes, results, the time budget, cleaning, headings), ``build`` (the
splitter), ``tree`` (walking, JSON, corrections); import from the package.

The text is read line by line. A heading is recognised only at the start of a line and only
when what follows the number looks like a heading (end of line, ``.``, ``:``, a dash, or a space
and a capital letter), so "theo quy định tại Điều 5 của Luật này" never opens an article.
Khoản (``1.``) and điểm (``a)``) exist only inside an article, and their numbering decides
between a new khoản and a numbered line inside the current one. Quoted blocks (the new wording
in an amending text: ``“Điều 5. ...”``) are kept verbatim in the enclosing node. Text before
the first heading is the preamble; the closing — the passing formula ("Nghị quyết này đã được
Hội đồng nhân dân … thông qua …"), "Nơi nhận:" and the signature block — is a node of its own
after the last article, never part of a clause, so no one comments on it.

The work is linear in the length of the text (``bench/splitter.py``): every line is looked at a
bounded number of times, titles take a bounded number of lines, and no pattern backtracks over a
whole line. A :class:`Deadline` stops a run that takes too long anyway.

Officers correct the result before publishing with :func:`merge`, :func:`split_node` and
:func:`retype`; these are pure (they return a new tree). A *path* is the list of child
indexes from the top-level list: ``[1, 0, 2]`` is ``nodes[1].children[0].children[2]``.
"""

from ykien.consultations.splitter.base import (
    KINDS,
    LABELS_VI,
    POINT_LETTERS,
    RANK,
    WARNING_MESSAGES,
    Deadline,
    Heading,
    Node,
    NodeKind,
    OutOfTime,
    SplitResult,
    SplitWarning,
    TreeEditError,
    clean_text,
    heading_line,
    iter_nodes,
    label,
    looks_like_heading,
    number_value,
    parse_heading,
)
from ykien.consultations.splitter.build import split
from ykien.consultations.splitter.tree import (
    as_text,
    from_json,
    get_node,
    merge,
    merge_error,
    result_to_json,
    retype,
    split_node,
    to_json,
)

__all__ = [
    "KINDS",
    "LABELS_VI",
    "POINT_LETTERS",
    "RANK",
    "WARNING_MESSAGES",
    "Deadline",
    "Heading",
    "Node",
    "NodeKind",
    "OutOfTime",
    "SplitResult",
    "SplitWarning",
    "TreeEditError",
    "as_text",
    "clean_text",
    "from_json",
    "get_node",
    "heading_line",
    "iter_nodes",
    "label",
    "looks_like_heading",
    "merge",
    "merge_error",
    "number_value",
    "parse_heading",
    "result_to_json",
    "retype",
    "split",
    "split_node",
    "to_json",
]
