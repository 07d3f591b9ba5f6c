Hello ${to},

${summary}

Fix them in the on-call setup (./afterhours export, edit, ./afterhours import), or with an override.
