"""The official Jupyter kernel conformance suite (jupyter_kernel_test 0.7.0) against the shopmine kernel.

The kernelspec is installed into a private data dir by conftest.py's session fixture.
"""
import unittest

import jupyter_kernel_test


class ShopMineKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "shopmine"
    language_name = "shopmine"
    file_extension = ".mine"

    code_hello_world = 'print "hello, world"'
    code_stderr = 'warn "careful"'

    completion_samples = [
        {"text": "pri", "matches": {"print"}},
        {"text": "sle", "matches": {"sleep"}},
    ]

    complete_code_samples = ["1 + 2", "x = 5", 'print "done"']
    incomplete_code_samples = ['print "unclosed', "(1 + 2"]
    invalid_code_samples = ["1 + 2)"]

    code_page_something = "help"
    code_generate_error = "no_such_name + 1"

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "6 * 7", "result": "42"},
    ]
    code_display_data = [
        {"code": "1 + 1\n2 + 2", "mime": "text/plain"},
    ]

    code_history_pattern = "6 ? 7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "print"
    code_clear_output = "clear"


class ShopMineIopubWelcomeTests(jupyter_kernel_test.IopubWelcomeTests):
    kernel_name = "shopmine"
    support_iopub_welcome = True


if __name__ == "__main__":
    unittest.main()
