/*
 * XLSX peer for compare.py: libxlsxwriter (C, Debian's libxlsxwriter-dev) in constant-memory mode.
 *
 * libxlsxwriter cannot read Parquet, so compare.py converts the rows to the simple columnar file
 * below once, before any timing. This program loads that file into memory (untimed), then times only
 * the writing: workbook_new_opt .. workbook_close, cell by cell, as a C program that already holds
 * its data would. So libxlsxwriter's figure has no Parquet decoding in it; ours has.
 *
 * Input (little-endian): "XLB1", uint32 rows, uint32 columns; per column: uint8 type, uint16 name
 * length, name; then per column: rows validity bytes (1 = value), then the values:
 *   'i' int64, 'd' double, 't' int64 microseconds since 1970, 'e' int64 days since 1970,
 *   'b' int64 0/1: rows x 8 bytes; 's' string: (rows + 1) int64 offsets, then the bytes.
 * Numbers are written as numbers, strings as (inline) strings, booleans as booleans, timestamps and
 * dates as Excel serial numbers with a date format, nulls as empty cells; one header row.
 *
 * usage: xlsx_libxlsxwriter INPUT OUTPUT RUNS WARMUP  -> one JSON line: wall_seconds, cpu_seconds, peak_rss_bytes
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

typedef struct {
    char type;
    char *name;
    uint8_t *valid;
    int64_t *ints;      /* i, t, e, b */
    double *doubles;    /* d */
    int64_t *offsets;   /* s */
    char *bytes;        /* s */
} column_t;

static void need(int ok, const char *what) {
    if (!ok) { fprintf(stderr, "xlsx_libxlsxwriter: %s\n", what); exit(2); }
}

static void *read_exact(FILE *f, size_t n) {
    void *p = malloc(n ? n : 1);
    need(p != NULL, "out of memory");
    need(fread(p, 1, n, f) == n, "truncated input");
    return p;
}

static double now(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static long long peak_rss(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long long kib = 0;
    if (!f) return 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0) kib = atoll(line + 6);
    fclose(f);
    return kib * 1024;
}

static void write_workbook(const char *path, column_t *cols, uint32_t ncols, uint32_t rows) {
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(path, &options);
    need(wb != NULL, "workbook_new_opt failed");
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    lxw_format *datetime = workbook_add_format(wb);
    format_set_num_format(datetime, "yyyy-mm-dd hh:mm:ss");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    for (uint32_t c = 0; c < ncols; c++) worksheet_write_string(ws, 0, (lxw_col_t)c, cols[c].name, NULL);
    for (uint32_t r = 0; r < rows; r++) {
        lxw_row_t row = (lxw_row_t)(r + 1);
        for (uint32_t c = 0; c < ncols; c++) {
            column_t *col = &cols[c];
            if (!col->valid[r]) continue;
            switch (col->type) {
            case 'i': worksheet_write_number(ws, row, (lxw_col_t)c, (double)col->ints[r], NULL); break;
            case 'd': worksheet_write_number(ws, row, (lxw_col_t)c, col->doubles[r], NULL); break;
            case 't': worksheet_write_number(ws, row, (lxw_col_t)c, col->ints[r] / 86400e6 + 25569.0, datetime); break;
            case 'e': worksheet_write_number(ws, row, (lxw_col_t)c, (double)col->ints[r] + 25569.0, date); break;
            case 'b': worksheet_write_boolean(ws, row, (lxw_col_t)c, (int)col->ints[r], NULL); break;
            case 's': {
                /* worksheet_write_string needs a NUL-terminated string: the loader stored one. */
                worksheet_write_string(ws, row, (lxw_col_t)c, col->bytes + col->offsets[r] + r, NULL);
                break;
            }
            }
        }
    }
    need(workbook_close(wb) == LXW_NO_ERROR, "workbook_close failed");
}

int main(int argc, char **argv) {
    need(argc == 5, "usage: xlsx_libxlsxwriter INPUT OUTPUT RUNS WARMUP");
    int runs = atoi(argv[3]), warmup = atoi(argv[4]);
    FILE *f = fopen(argv[1], "rb");
    need(f != NULL, "cannot open input");
    char magic[4];
    uint32_t rows, ncols;
    need(fread(magic, 1, 4, f) == 4 && memcmp(magic, "XLB1", 4) == 0, "not an XLB1 file");
    need(fread(&rows, 4, 1, f) == 1 && fread(&ncols, 4, 1, f) == 1, "truncated header");
    column_t *cols = calloc(ncols, sizeof(column_t));
    need(cols != NULL, "out of memory");
    for (uint32_t c = 0; c < ncols; c++) {
        uint8_t type;
        uint16_t len;
        need(fread(&type, 1, 1, f) == 1 && fread(&len, 2, 1, f) == 1, "truncated column header");
        cols[c].type = (char)type;
        cols[c].name = calloc(len + 1, 1);
        need(cols[c].name != NULL && fread(cols[c].name, 1, len, f) == len, "truncated column name");
    }
    for (uint32_t c = 0; c < ncols; c++) {
        column_t *col = &cols[c];
        col->valid = read_exact(f, rows);
        if (col->type == 'd') {
            col->doubles = read_exact(f, (size_t)rows * 8);
        } else if (col->type == 's') {
            col->offsets = read_exact(f, ((size_t)rows + 1) * 8);
            size_t n = (size_t)col->offsets[rows];
            char *raw = read_exact(f, n);
            /* Copy into NUL-terminated strings: string r starts at offsets[r] + r. */
            col->bytes = malloc(n + rows + 1);
            need(col->bytes != NULL, "out of memory");
            for (uint32_t r = 0; r < rows; r++) {
                size_t len = (size_t)(col->offsets[r + 1] - col->offsets[r]);
                memcpy(col->bytes + col->offsets[r] + r, raw + col->offsets[r], len);
                col->bytes[col->offsets[r] + r + len] = 0;
            }
            free(raw);
        } else {
            need(strchr("itebs", col->type) != NULL, "unknown column type");
            col->ints = read_exact(f, (size_t)rows * 8);
        }
    }
    fclose(f);

    for (int i = 0; i < warmup; i++) write_workbook(argv[2], cols, ncols, rows);
    printf("{\"wall_seconds\": [");
    double *wall = calloc(runs > 0 ? runs : 1, sizeof(double)), *cpu = calloc(runs > 0 ? runs : 1, sizeof(double));
    for (int i = 0; i < runs; i++) {
        double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
        write_workbook(argv[2], cols, ncols, rows);
        wall[i] = now(CLOCK_MONOTONIC) - t0;
        cpu[i] = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    }
    for (int i = 0; i < runs; i++) printf("%s%.6f", i ? ", " : "", wall[i]);
    printf("], \"cpu_seconds\": [");
    for (int i = 0; i < runs; i++) printf("%s%.6f", i ? ", " : "", cpu[i]);
    printf("], \"peak_rss_bytes\": %lld}\n", peak_rss());
    return 0;
}
