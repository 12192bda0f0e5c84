/*
 * banned.h - functions that must not be used in invigor.
 *
 * Included last by every translation unit of the project (through util.h),
 * so that a use of one of these fails to compile.  Each has a bounded
 * replacement: iv_buf_addf / iv_strlcpy / snprintf / strtok_r / fgets.
 */
#ifndef IV_BANNED_H
#define IV_BANNED_H

#define IV_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) IV_BANNED(strcpy)
#undef strcat
#define strcat(x, y) IV_BANNED(strcat)
#undef sprintf
#define sprintf(...) IV_BANNED(sprintf)
#undef strtok
#define strtok(x, y) IV_BANNED(strtok)
#undef gets
#define gets(x) IV_BANNED(gets)
#undef vsprintf
#define vsprintf(...) IV_BANNED(vsprintf)

#endif
