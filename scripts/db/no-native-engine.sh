#!/bin/sh
echo "Parley does not use Prisma's native schema engine. Run 'npm run db:migrate' (create + apply) or 'npm run db:deploy' (apply) instead." >&2
exit 1
