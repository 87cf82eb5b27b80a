//! Registering the helper API twice over: into the engine, as Rhai calls it, and into a table
//! the fast path ([`crate::fast`]) calls the very same functions from, without Rhai's lookup.
//! Rhai keeps its registered functions private; `RhaiNativeFunc::into_rhai_function` is how a
//! function registered here becomes callable outside it, so nothing of the API is written twice.

use std::any::TypeId;
use std::collections::HashMap;

use rhai::{Engine, ImmutableString, RhaiFunc, RhaiNativeFunc, Variant};

/// One registered function: the types of its parameters (as Rhai resolves them) and itself.
#[derive(Clone)]
pub struct Native {
    /// Parameter types, `&str` and `String` read as Rhai's `ImmutableString`.
    pub params: Vec<TypeId>,
    /// The function as Rhai holds it.
    pub func: RhaiFunc,
}

/// Every helper function by name (a getter under Rhai's `get$name`), in registration order.
#[derive(Clone, Default)]
pub struct Natives {
    by_name: HashMap<String, Vec<Native>>,
}

impl Natives {
    /// The functions registered under `name` with `arity` parameters.
    pub fn candidates(&self, name: &str, arity: usize) -> Vec<Native> {
        self.by_name
            .get(name)
            .map(|all| {
                all.iter()
                    .filter(|n| n.params.len() == arity)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether any helper is registered under `name`, whatever its parameters.
    pub fn has(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }
}

/// Rhai's own reading of a parameter type (`Module::map_type`): text parameters are
/// `ImmutableString` at run time. The first parameter of a method (`&mut T`) is not mapped.
fn rhai_type(mapped: bool, type_id: TypeId) -> TypeId {
    if mapped && (type_id == TypeId::of::<&str>() || type_id == TypeId::of::<String>()) {
        TypeId::of::<ImmutableString>()
    } else {
        type_id
    }
}

/// Registers into the engine and records into [`Natives`], with the engine's method names.
pub struct Helpers<'e> {
    engine: &'e mut Engine,
    natives: Natives,
}

impl<'e> Helpers<'e> {
    /// Starts registering into `engine`.
    pub fn new(engine: &'e mut Engine) -> Helpers<'e> {
        Helpers {
            engine,
            natives: Natives::default(),
        }
    }

    /// What was registered.
    pub fn into_natives(self) -> Natives {
        self.natives
    }

    /// As [`Engine::register_type_with_name`].
    pub fn register_type_with_name<T: Variant + Clone>(&mut self, name: &str) -> &mut Self {
        self.engine.register_type_with_name::<T>(name);
        self
    }

    /// As [`Engine::register_fn`].
    pub fn register_fn<
        A: 'static,
        const N: usize,
        const X: bool,
        R: Variant + Clone,
        const F: bool,
        G: RhaiNativeFunc<A, N, X, R, F> + Clone + 'static,
    >(
        &mut self,
        name: &str,
        func: G,
    ) -> &mut Self {
        self.engine.register_fn(name, func.clone());
        let rhai_func = func.into_rhai_function(false, false);
        let is_method = rhai_func.is_method();
        let params = G::param_types()
            .iter()
            .enumerate()
            .map(|(i, t)| rhai_type(!is_method || i > 0, *t))
            .collect();
        let natives = self.natives.by_name.entry(name.to_string()).or_default();
        // A later registration of the same signature replaces the earlier one, as in Rhai.
        natives.retain(|n: &Native| n.params != params);
        natives.push(Native {
            params,
            func: rhai_func,
        });
        self
    }

    /// As [`Engine::register_get`].
    pub fn register_get<A: 'static, const X: bool, R: Variant + Clone, const F: bool>(
        &mut self,
        name: &str,
        get_fn: impl RhaiNativeFunc<A, 1, X, R, F> + Clone + 'static,
    ) -> &mut Self {
        self.register_fn(&getter(name), get_fn)
    }
}

/// Rhai's name for the getter of a property.
pub fn getter(property: &str) -> String {
    format!("get${property}")
}
