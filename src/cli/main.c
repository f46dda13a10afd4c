#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("procscope %s\n", PS_VERSION);
        return 0;
    }
    fprintf(stderr, "procscope: not yet\n");
    return 64;
}
