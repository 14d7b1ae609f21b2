"""The Information Sharing Hub's own logic, called by the MkDocs hooks and the contributor commands."""
