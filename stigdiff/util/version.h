/* The release of stigdiff; CHANGELOG.md names the same one. */
#ifndef SD_VERSION_H
#define SD_VERSION_H
#define SD_VERSION "0.1.0-dev"
#endif
