/*
 * The peer of the cold-start benchmark: a C type equivalent to the seed's CPython extension.
 * `n += x` (nb_inplace_add) adds x to the PyLong the object holds and returns the object itself;
 * under the GIL no other Python thread runs in between, so the update is atomic for Python threads.
 * Also `int(n)`, `operator.index(n)` and repr, which the benchmarked scripts read the count with.
 * benchmarks/python/coldstart.py compiles it with gcc against the CPython headers it finds.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *value; /* a PyLong, never NULL */
} AtomicInt;

static int AtomicInt_init(AtomicInt *self, PyObject *args, PyObject *kwds) {
    PyObject *value = NULL;
    if (!PyArg_ParseTuple(args, "|O", &value)) {
        return -1;
    }
    value = value == NULL ? PyLong_FromLong(0) : PyNumber_Index(value);
    if (value == NULL) {
        return -1;
    }
    Py_XSETREF(self->value, value);
    return 0;
}

static void AtomicInt_dealloc(AtomicInt *self) {
    Py_XDECREF(self->value);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *AtomicInt_inplace_add(PyObject *self, PyObject *other) {
    AtomicInt *n = (AtomicInt *)self;
    PyObject *sum = PyNumber_Add(n->value, other);
    if (sum == NULL) {
        return NULL;
    }
    Py_SETREF(n->value, sum);
    return Py_NewRef(self);
}

static PyObject *AtomicInt_int(PyObject *self) {
    return Py_NewRef(((AtomicInt *)self)->value);
}

static PyObject *AtomicInt_repr(PyObject *self) {
    return PyObject_Repr(((AtomicInt *)self)->value);
}

static PyNumberMethods AtomicInt_as_number = {
    .nb_inplace_add = AtomicInt_inplace_add,
    .nb_int = AtomicInt_int,
    .nb_index = AtomicInt_int,
};

static PyTypeObject AtomicIntType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "atomicint.AtomicInt",
    .tp_basicsize = sizeof(AtomicInt),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)AtomicInt_init,
    .tp_dealloc = (destructor)AtomicInt_dealloc,
    .tp_as_number = &AtomicInt_as_number,
    .tp_repr = AtomicInt_repr,
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "atomicint", "The seed-equivalent C AtomicInt.", -1, NULL};

PyMODINIT_FUNC PyInit_atomicint(void) {
    if (PyType_Ready(&AtomicIntType) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddObjectRef(m, "AtomicInt", (PyObject *)&AtomicIntType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
