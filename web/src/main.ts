import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './styles/main.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { configureHttp } from './api/http'
import { useAuthStore } from './store/auth'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(ElementPlus)

const auth = useAuthStore(pinia)
configureHttp({
  csrfToken: () => auth.csrfToken,
  // The session expired or was revoked: forget it and ask for a login, then come back here.
  onUnauthorized: () => {
    auth.clear()
    const current = router.currentRoute.value
    if (current.meta.public) return
    void router.push({ name: 'login', query: { redirect: current.fullPath } })
  },
})

app.use(router)
app.mount('#app')
