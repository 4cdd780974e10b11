"""Every sentence the assistant says to a user, in administrative Vietnamese: one module per
feature, all in this folder."""
