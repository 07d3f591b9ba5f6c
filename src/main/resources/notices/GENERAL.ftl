Hello ${to},

${summary}
