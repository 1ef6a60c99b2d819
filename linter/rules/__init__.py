"""Rule modules, one per family; each rule's docstring is its documentation."""
